using System.Globalization;
using System.Text.RegularExpressions;

namespace Sanlock.InteropTests.Daemon;

/// <summary>REQUEST with force mode 1 (disk-format §7.9): the daemon holding the lease kills the holding process once
/// it sees the requester's bitmap bit, and the requester's host can then acquire. Both directions of a mixed cluster
/// (real host 1, ours host 2), and EXAMINE on our daemon alone.</summary>
public sealed partial class RequestKillsHolderTests : IDisposable
{
    private static readonly TimeSpan _killLimit = TimeSpan.FromSeconds(60);
    private readonly MixedCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    private string R1(ulong lver) => $"LS:R1:{_cluster.Lease("r1")}:0:{lver}";

    [Fact]
    public void RealDaemonRequests_OurHolderIsKilled_AndRealHostAcquires()
    {
        using var holder = PythonHolder.Start(_cluster.Ours.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("held", holder.Outcome);
        var request = _cluster.Real.Client("request", "-r", R1(Lver() + 1), "-f", "1");
        Assert.Contains("request done 0", request.Stdout, StringComparison.Ordinal);

        Assert.True(holder.WaitForExit(_killLimit), "our daemon did not kill the holder after the real daemon's request");
        using var taker = AcquireWhenReleased(_cluster.Real.RunDir);
        Assert.Equal("held", taker.Outcome);
    }

    [Fact]
    public void OurDaemonRequests_RealHolderIsKilled_AndOurHostAcquires()
    {
        using var holder = PythonHolder.Start(_cluster.Real.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("held", holder.Outcome);
        var request = _cluster.Ours.Client("request", "-r", R1(Lver() + 1), "-f", "1");
        Assert.Contains("request done 0", request.Stdout, StringComparison.Ordinal);

        Assert.True(holder.WaitForExit(_killLimit), "the real daemon did not kill the holder after our request");
        using var taker = AcquireWhenReleased(_cluster.Ours.RunDir);
        Assert.Equal("held", taker.Outcome);
    }

    [Fact]
    public void GracefulRequest_WithoutKillPath_SendsSigtermToOurHolder()
    {
        using var holder = PythonHolder.Start(_cluster.Ours.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("held", holder.Outcome);
        Assert.Contains("request done 0", _cluster.Real.Client("request", "-r", R1(Lver() + 1), "-f", "2").Stdout, StringComparison.Ordinal);
        Assert.True(holder.WaitForExit(_killLimit), "our daemon did not SIGTERM the holder after a graceful request");
    }

    [Fact]
    public void GracefulRequest_WithKillPath_RunsTheKillPath_AndLeavesTheHolderAlive()
    {
        string marker = _cluster.Lease("killpath-ran");
        using var holder = KillPathHolder.Start(_cluster.Ours.RunDir, _cluster.Lease("r1"), "/usr/bin/touch", marker);
        Assert.Equal("held", holder.Outcome);
        Assert.Contains("request done 0", _cluster.Real.Client("request", "-r", R1(Lver() + 1), "-f", "2").Stdout, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow + _killLimit;
        while (!File.Exists(marker) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }
        Assert.True(File.Exists(marker), "our daemon did not run the kill path after a graceful request");
        Assert.False(holder.HasExited);
    }

    [Fact]
    public void RequestForTheHeldLver_IsOld_AndTheHolderStays()
    {
        using var holder = PythonHolder.Start(_cluster.Ours.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("held", holder.Outcome);
        var request = _cluster.Real.Client("request", "-r", R1(Lver()), "-f", "1");
        Assert.Contains("request done -272", request.Stdout, StringComparison.Ordinal);
        Assert.False(holder.WaitForExit(TimeSpan.FromSeconds(8)));
    }

    [Fact]
    public void Examine_OnOurDaemon_ActsOnARequestWrittenWithoutHostBit()
    {
        // Our own host writes the request (it is the owner, so no bitmap bit is set): only EXAMINE makes it look.
        using var holder = PythonHolder.Start(_cluster.Ours.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("held", holder.Outcome);
        Assert.Contains("request done 0", _cluster.Ours.Client("request", "-r", R1(Lver() + 1), "-f", "1").Stdout, StringComparison.Ordinal);
        Assert.False(holder.WaitForExit(TimeSpan.FromSeconds(5)));

        Assert.Contains("examine done 0", _cluster.Ours.Client("examine", "-s", $"LS:2:{_cluster.Lease("ls")}:0").Stdout, StringComparison.Ordinal);
        Assert.True(holder.WaitForExit(TimeSpan.FromSeconds(10)), "EXAMINE did not make our daemon act on the request");
    }

    private ulong Lver()
    {
        var leader = Tools.Run("/usr/sbin/sanlock", ["direct", "read_leader", "-r", $"LS:R1:{_cluster.Lease("r1")}:0"]).EnsureSuccess().Stdout;
        return ulong.Parse(LverLine().Match(leader).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The killed holder's daemon releases the lease; acquire it from the other host, retrying while the
    /// release is still on its way.</summary>
    private PythonHolder AcquireWhenReleased(string runDir)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var taker = PythonHolder.Start(runDir, "LS", "R1", _cluster.Lease("r1"));
            if (taker.Outcome == "held" || DateTime.UtcNow > deadline)
            {
                return taker;
            }
            taker.Dispose();
            Thread.Sleep(500);
        }
    }

    [GeneratedRegex(@"^lver (\d+)$", RegexOptions.Multiline)]
    private static partial Regex LverLine();
}
