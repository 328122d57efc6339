namespace Sanlock.InteropTests.Daemon;

/// <summary>Joining with an io_timeout shorter than the one the lockspace was written with: the join waits out the
/// slot's io_timeout (2×10 s), and the lockspace must then stay joined and renewing, as with 3.8.5 — not fail at its
/// first renewal because the join's record is already older than 8×1 s.</summary>
public sealed class ShorterIoTimeoutJoinTests : IDisposable
{
    private readonly DaemonTestDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AddLockspaceWithIoTimeout1_OnALockspaceWrittenWithIoTimeout10_StaysJoined()
    {
        string ls = _dir.Lease("ls");
        using (var file = File.Create(ls))
        {
            file.SetLength(1 << 20);
        }
        Tools.Run("/usr/sbin/sanlock", ["direct", "init", "-s", $"LS:0:{ls}:0"]).EnsureSuccess();
        using OurDaemon daemon = OurDaemon.Start(_dir.RunDir);

        var add = daemon.Client("add_lockspace", "-s", $"LS:1:{ls}:0", "-o", "1");
        Assert.Contains("add_lockspace_timeout done 0", add.Stdout, StringComparison.Ordinal);
        // Several renewal periods (2 s each) later the lockspace is still there and this host is live.
        Thread.Sleep(TimeSpan.FromSeconds(6));

        Assert.Contains("inq_lockspace done 0", daemon.Client("inq_lockspace", "-s", $"LS:1:{ls}:0").Stdout, StringComparison.Ordinal);
        var gets = daemon.Client("gets", "-h", "1").Stdout;
        Assert.Contains("h 1 gen 1 timestamp", gets, StringComparison.Ordinal);
        Assert.Contains("LIVE", gets, StringComparison.Ordinal);
        Assert.Contains("rem_lockspace done 0", daemon.Client("rem_lockspace", "-s", $"LS:1:{ls}:0").Stdout, StringComparison.Ordinal);
    }
}
