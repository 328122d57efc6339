using System.Diagnostics;

namespace Sanlock.InteropTests.Daemon;

/// <summary>A real sanlock 3.8.5 daemon (host 1) and ours (host 2) on one lockspace file exclude each other.</summary>
public sealed class MixedClusterTests : IDisposable
{
    private readonly DaemonTestDir _dir = new();
    private readonly RealDaemon _real;
    private readonly OurDaemon _ours;

    public MixedClusterTests()
    {
        _dir.InitLeases("LS", "R1", "R2");
        Directory.CreateDirectory(Path.Combine(_dir.Root, "real"));
        Directory.CreateDirectory(Path.Combine(_dir.Root, "ours"));
        _real = RealDaemon.Start(Path.Combine(_dir.Root, "real"));
        _ours = OurDaemon.Start(Path.Combine(_dir.Root, "ours"), "ourhost2");
        var joinReal = Task.Run(() => _real.Client("add_lockspace", "-s", $"LS:1:{_dir.Lease("ls")}:0", "-o", "1"));
        var joinOurs = Task.Run(() => _ours.Client("add_lockspace", "-s", $"LS:2:{_dir.Lease("ls")}:0", "-o", "1"));
        joinReal.Result.EnsureSuccess();
        joinOurs.Result.EnsureSuccess();
    }

    public void Dispose()
    {
        _ours.Dispose();
        _real.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void EachDaemon_RefusesALeaseTheOtherHolds()
    {
        using var realHolder = PythonHolder.Start(_real.RunDir, "LS", "R1", _dir.Lease("r1"));
        using var ourHolder = PythonHolder.Start(_ours.RunDir, "LS", "R2", _dir.Lease("r2"));
        Assert.Equal("held", realHolder.Outcome);
        Assert.Equal("held", ourHolder.Outcome);

        using var ourTry = PythonHolder.Start(_ours.RunDir, "LS", "R1", _dir.Lease("r1"));
        Assert.Equal("error -243", ourTry.Outcome);
        using var realTry = PythonHolder.Start(_real.RunDir, "LS", "R2", _dir.Lease("r2"));
        Assert.Equal("error -243", realTry.Outcome);

        // Both hosts see each other live in the lockspace.
        Assert.Contains("h 1 gen", _ours.Client("gets", "-h", "1").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ReleasedByOneDaemon_IsAcquiredByTheOther()
    {
        using (var realHolder = PythonHolder.Start(_real.RunDir, "LS", "R1", _dir.Lease("r1")))
        {
            Assert.Equal("held", realHolder.Outcome);
            realHolder.Kill();
        }
        Thread.Sleep(500);
        using var ourHolder = PythonHolder.Start(_ours.RunDir, "LS", "R1", _dir.Lease("r1"));
        Assert.Equal("held", ourHolder.Outcome);
        ourHolder.Kill();
        Thread.Sleep(500);
        using var realAgain = PythonHolder.Start(_real.RunDir, "LS", "R1", _dir.Lease("r1"));
        Assert.Equal("held", realAgain.Outcome);
    }

    /// <summary>SLOW (~70–80 s at io_timeout 1): the one failover test in this direction.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Slow_AfterSigkillOfTheRealDaemon_OursTakesTheLeaseOnceItsDeltaLeaseExpired()
    {
        var holder = PythonHolder.Start(_real.RunDir, "LS", "R1", _dir.Lease("r1"));
        Assert.Equal("held", holder.Outcome);
        Process.GetProcessById(_real.Pid).Kill();
        var killed = Stopwatch.StartNew();
        holder.Dispose();
        // Like 3.8.5, the acquire itself waits until the owner's delta lease has expired.
        using var attempt = PythonHolder.Start(_ours.RunDir, "LS", "R1", _dir.Lease("r1"), wait: TimeSpan.FromSeconds(120));
        string outcome = attempt.Outcome;
        Assert.Equal("held", outcome);
        // 8T + 60 s after the dead host's last renewal, with T = 1.
        Assert.InRange(killed.Elapsed.TotalSeconds, 60, 100);
    }
}
