using System.Diagnostics;

namespace Sanlock.InteropTests.Daemon;

/// <summary>SLOW (~70–80 s each at io_timeout 1): after SIGKILL of one daemon of a mixed cluster, the other takes the
/// dead host's lease once its delta lease has expired (8T + 60 s after it was last seen renewing). One class per
/// direction so that the two waits run in parallel.</summary>
internal static class Failover
{
    /// <summary>Acquires R1 through the daemon of <paramref name="survivorRunDir"/> until it is held. Like 3.8.5
    /// (disk-format spec §7.4), attempts fail with -243 while the survivor's last renewal read still saw the dead
    /// owner renewing; the first attempt after that blocks until the owner's delta lease has expired.</summary>
    public static PythonHolder AcquireAfterOwnerDied(string survivorRunDir, string lease, Stopwatch sinceKill)
    {
        var attempt = PythonHolder.Start(survivorRunDir, "LS", "R1", lease, wait: TimeSpan.FromSeconds(120));
        while (attempt.Outcome == "error -243" && sinceKill.Elapsed < TimeSpan.FromSeconds(30))
        {
            attempt.Dispose();
            Thread.Sleep(1000);
            attempt = PythonHolder.Start(survivorRunDir, "LS", "R1", lease, wait: TimeSpan.FromSeconds(120));
        }
        return attempt;
    }
}

public sealed class FailoverFromRealToOursTests : IDisposable
{
    private readonly MixedCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void Slow_AfterSigkillOfTheRealDaemon_OursTakesTheLeaseOnceItsDeltaLeaseExpired()
    {
        var holder = PythonHolder.Start(_cluster.Real.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("held", holder.Outcome);
        Process.GetProcessById(_cluster.Real.Pid).Kill();
        var killed = Stopwatch.StartNew();
        holder.Dispose();

        using var attempt = Failover.AcquireAfterOwnerDied(_cluster.Ours.RunDir, _cluster.Lease("r1"), killed);

        Assert.Equal("held", attempt.Outcome);
        Assert.InRange(killed.Elapsed.TotalSeconds, 60, 100);
    }
}

public sealed class FailoverFromOursToRealTests : IDisposable
{
    private readonly MixedCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void Slow_AfterSigkillOfOurDaemon_TheRealTakesTheLeaseOnceOurDeltaLeaseExpired()
    {
        var holder = PythonHolder.Start(_cluster.Ours.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("held", holder.Outcome);
        using (var refused = PythonHolder.Start(_cluster.Real.RunDir, "LS", "R1", _cluster.Lease("r1")))
        {
            Assert.Equal("error -243", refused.Outcome);
        }
        _cluster.Ours.Kill();
        var killed = Stopwatch.StartNew();
        holder.Dispose();

        using var attempt = Failover.AcquireAfterOwnerDied(_cluster.Real.RunDir, _cluster.Lease("r1"), killed);

        Assert.Equal("held", attempt.Outcome);
        Assert.InRange(killed.Elapsed.TotalSeconds, 60, 100);
    }
}
