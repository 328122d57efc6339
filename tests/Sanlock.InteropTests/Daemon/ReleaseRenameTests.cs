using Sanlock.Client;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;
using Sanlock.Protocol.Text;

namespace Sanlock.InteropTests.Daemon;

/// <summary>RELEASE with REL_RENAME (§4.8) through our client library, against the real daemon and ours: same results
/// (0, then −1 once no longer held) and the same leader afterwards (free, renamed, lver kept).</summary>
public sealed class ReleaseRenameTests
{
    [Fact]
    public void ReleaseRename_FreesTheLeaseUnderTheNewName_LikeTheRealDaemon()
    {
        var real = Run(useReal: true);
        var ours = Run(useReal: false);
        Assert.Equal("acquire 0, rename 0, again -1, plain after rename -1", real.Results);
        Assert.Equal(real, ours);
        Assert.Contains(" R1NEW 0000000000 0001 0001 1", ours.Dump, StringComparison.Ordinal);
    }

    [Fact]
    public void ReleaseRename_WithEmptyNewName_IsRefused_AndTheLeaseStaysHeld()
    {
        using var dir = new DaemonTestDir();
        dir.InitLeases("LS", "R1");
        using var daemon = OurDaemon.Start(dir.RunDir);
        daemon.Client("add_lockspace", "-s", $"LS:1:{dir.Lease("ls")}:0").EnsureSuccess();
        var r1 = ResourceString.Parse($"LS:R1:{dir.Lease("r1")}:0");
        using var holder = RegisteredClient.Register(Path.Combine(dir.RunDir, "sanlock.sock"));
        Assert.Equal(0, holder.Acquire([r1], SanlkOptions.Empty).Result);
        Assert.Equal(-22, holder.Release([r1, r1 with { Name = string.Empty }], CommandFlags.ReleaseRename).Result);
        Assert.Contains(" R1 ", Dump(dir, "r1"), StringComparison.Ordinal);
        Assert.Equal(0, holder.Release([r1]).Result);
    }

    private static (string Results, string Dump) Run(bool useReal)
    {
        using var dir = new DaemonTestDir();
        dir.InitLeases("LS", "R1");
        using IDisposable daemon = useReal ? RealDaemon.Start(dir.RunDir) : OurDaemon.Start(dir.RunDir);
        string[] add = ["add_lockspace", "-s", $"LS:1:{dir.Lease("ls")}:0"];
        (useReal ? ((RealDaemon)daemon).Client(add) : ((OurDaemon)daemon).Client(add)).EnsureSuccess();

        var r1 = ResourceString.Parse($"LS:R1:{dir.Lease("r1")}:0");
        using var holder = RegisteredClient.Register(Path.Combine(dir.RunDir, "sanlock.sock"));
        int acquire = holder.Acquire([r1], SanlkOptions.Empty).Result;
        int rename = holder.Release([r1, r1 with { Name = "R1NEW" }], CommandFlags.ReleaseRename).Result;
        int again = holder.Release([r1, r1 with { Name = "R1NEW" }], CommandFlags.ReleaseRename).Result;
        int plain = holder.Release([r1]).Result;
        return ($"acquire {acquire}, rename {rename}, again {again}, plain after rename {plain}", Dump(dir, "r1"));
    }

    private static string Dump(DaemonTestDir dir, string lease) =>
        Tools.Run("/usr/sbin/sanlock", ["direct", "dump", dir.Lease(lease) + ":0"]).EnsureSuccess().Stdout.Replace(dir.Root, "DIR", StringComparison.Ordinal);
}
