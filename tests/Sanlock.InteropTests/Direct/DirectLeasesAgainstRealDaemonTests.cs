using System.Text.RegularExpressions;
using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// Our daemonless <c>direct acquire/release</c> and <c>acquire_id/renew_id/release_id</c> against a real sanlock
/// 3.8.5 daemon joined as host 1 on the same lockspace (io_timeout 1): each side refuses what the other holds.
/// </summary>
public sealed partial class DirectLeasesAgainstRealDaemonTests : IDisposable
{
    private readonly DaemonTestDir _dir = new();
    private readonly RealDaemon _real;

    public DirectLeasesAgainstRealDaemonTests()
    {
        _dir.InitLeases("LS", "R");
        _real = RealDaemon.Start(Path.Combine(_dir.Root, "real"));
        _real.Client("add_lockspace", "-s", $"LS:1:{Lockspace}:0", "-o", "1").EnsureSuccess();
    }

    private string Lockspace => _dir.Lease("ls");

    private string Resource => $"LS:R:{_dir.Lease("r")}:0";

    public void Dispose()
    {
        _real.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void DirectAcquire_OfALeaseTheRealDaemonHolds_FailsWithTheRealCliCode_ThenSucceedsOnceReleased()
    {
        using (var holder = PythonHolder.Start(_real.RunDir, "LS", "R", _dir.Lease("r")))
        {
            Assert.Equal("held", holder.Outcome);
            var real = Tools.Run(SanlockBinaries.Real, ["direct", "acquire", "-r", Resource, "-i", "2", "-g", "1"]);
            var ours = Tools.Run(OurDaemon.Binary, ["direct", "acquire", "-r", Resource, "-i", "2", "-g", "1"]);
            Assert.Equal("acquire done -241\n", real.Stdout);
            Assert.Equal(real.Stdout, ours.Stdout);
            Assert.Equal(real.ExitCode, ours.ExitCode);
            holder.Kill();
        }

        WaitUntil(() => !_real.Client("status").Stdout.Contains("r LS:R:", StringComparison.Ordinal), "the real daemon to release R");
        using var host2 = DirectHostRenewer.Acquire($"LS:2:{Lockspace}:0");
        var generation = Generation(host2: 2);
        var acquired = Tools.Run(OurDaemon.Binary, ["direct", "acquire", "-r", Resource, "-i", "2", "-g", generation]);
        Assert.Equal("acquire done 0\n", acquired.Stdout);

        // Host 2 renews its delta lease, so the real daemon sees a live owner and refuses.
        using (var refused = PythonHolder.Start(_real.RunDir, "LS", "R", _dir.Lease("r")))
        {
            Assert.Equal("error -243", refused.Outcome);
        }

        Assert.Equal("release done 0\n", Tools.Run(OurDaemon.Binary, ["direct", "release", "-r", Resource, "-i", "2", "-g", generation]).Stdout);
        using (var again = PythonHolder.Start(_real.RunDir, "LS", "R", _dir.Lease("r")))
        {
            Assert.Equal("held", again.Outcome);
        }
        Assert.Empty(host2.FailedRenewals);
    }

    [Fact]
    public async Task DirectDeltaLease_AndTheRealDaemon_SeeEachOtherLive_AndRefuseEachOthersHostId()
    {
        using var host2 = DirectHostRenewer.Acquire($"LS:2:{Lockspace}:0");

        // The real daemon sees our host 2 live; our direct read_leader sees the real host 1 renewing.
        WaitUntil(() => HostLine(_real.Client("gets", "-h", "1").Stdout, 2)?.EndsWith(" LIVE", StringComparison.Ordinal) == true,
            "the real daemon to report host 2 LIVE");
        var before = Timestamp(1);
        WaitUntil(() => Timestamp(1) > before, "host 1's timestamp to advance");

        // Each side's host_id is refused to the other: 8T + 60 s of unchanged record would be needed, and both keep
        // renewing. Both waits run at once (about 70 s).
        var secondReal = RealDaemon.Start(Path.Combine(_dir.Root, "real2"));
        try
        {
            var realJoin = Task.Run(() => Tools.Run(SanlockBinaries.Real, ["client", "add_lockspace", "-s", $"LS:2:{Lockspace}:0", "-o", "1"],
                secondReal.RunDir, TimeSpan.FromSeconds(150)));
            var ourAcquire = Task.Run(() => Tools.Run(OurDaemon.Binary, ["direct", "acquire_id", "-s", $"LS:1:{Lockspace}:0", "-o", "1"],
                timeout: TimeSpan.FromSeconds(150)));
            Assert.Equal("acquire_id done -262\n", (await ourAcquire).Stdout);
            Assert.Contains("add_lockspace_timeout done -262", (await realJoin).Stdout, StringComparison.Ordinal);
        }
        finally
        {
            secondReal.Dispose();
        }
        Assert.Empty(host2.FailedRenewals);
        Assert.Contains(" LIVE", HostLine(_real.Client("gets", "-h", "1").Stdout, 2) ?? "", StringComparison.Ordinal);
    }

    private string Generation(int host2)
    {
        var read = Tools.Run(SanlockBinaries.Real, ["direct", "read_leader", "-s", $"LS:{host2}:{Lockspace}:0"]);
        return OwnerGeneration().Match(read.Stdout).Groups[1].Value;
    }

    private ulong Timestamp(int hostId)
    {
        var read = Tools.Run(OurDaemon.Binary, ["direct", "read_leader", "-s", $"LS:{hostId}:{Lockspace}:0"]);
        return ulong.Parse(TimestampLine().Match(read.Stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? HostLine(string gets, int hostId) =>
        gets.Split('\n').FirstOrDefault(l => l.StartsWith($"h {hostId} ", StringComparison.Ordinal))?.TrimEnd();

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }
            Thread.Sleep(200);
        }
    }

    [GeneratedRegex(@"^owner_generation (\d+)$", RegexOptions.Multiline)]
    private static partial Regex OwnerGeneration();

    [GeneratedRegex(@"^timestamp (\d+)$", RegexOptions.Multiline)]
    private static partial Regex TimestampLine();
}
