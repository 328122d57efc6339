namespace Sanlock.InteropTests.Daemon;

/// <summary>A real sanlock 3.8.5 daemon (host 1) and ours (host 2) joined on one lockspace file with io_timeout 1,
/// and two resources R1, R2 formatted in it. Both daemons are stopped on dispose.</summary>
public sealed class MixedCluster : IDisposable
{
    private readonly DaemonTestDir _dir = new();

    public MixedCluster()
    {
        _dir.InitLeases("LS", "R1", "R2");
        Directory.CreateDirectory(Path.Combine(_dir.Root, "real"));
        Directory.CreateDirectory(Path.Combine(_dir.Root, "ours"));
        Real = RealDaemon.Start(Path.Combine(_dir.Root, "real"));
        Ours = OurDaemon.Start(Path.Combine(_dir.Root, "ours"), "ourhost2");
        var joinReal = Task.Run(() => Real.Client("add_lockspace", "-s", $"LS:1:{_dir.Lease("ls")}:0", "-o", "1"));
        var joinOurs = Task.Run(() => Ours.Client("add_lockspace", "-s", $"LS:2:{_dir.Lease("ls")}:0", "-o", "1"));
        joinReal.Result.EnsureSuccess();
        joinOurs.Result.EnsureSuccess();
    }

    public RealDaemon Real { get; }

    public OurDaemon Ours { get; }

    public string Lease(string name) => _dir.Lease(name);

    public void Dispose()
    {
        Ours.Dispose();
        Real.Dispose();
        _dir.Dispose();
    }
}

/// <summary>A real sanlock 3.8.5 daemon (host 1) and ours (host 2) on one lockspace file exclude each other.</summary>
public sealed class MixedClusterTests : IDisposable
{
    private readonly MixedCluster _cluster = new();

    private RealDaemon Real => _cluster.Real;

    private OurDaemon Ours => _cluster.Ours;

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public void EachDaemon_RefusesALeaseTheOtherHolds()
    {
        using var realHolder = PythonHolder.Start(Real.RunDir, "LS", "R1", _cluster.Lease("r1"));
        using var ourHolder = PythonHolder.Start(Ours.RunDir, "LS", "R2", _cluster.Lease("r2"));
        Assert.Equal("held", realHolder.Outcome);
        Assert.Equal("held", ourHolder.Outcome);

        using var ourTry = PythonHolder.Start(Ours.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("error -243", ourTry.Outcome);
        using var realTry = PythonHolder.Start(Real.RunDir, "LS", "R2", _cluster.Lease("r2"));
        Assert.Equal("error -243", realTry.Outcome);

        // Both hosts see each other live in the lockspace (once each has watched the other renew).
        WaitForLive(Ours, 1);
        WaitForLive(Real, 2);
    }

    [Fact]
    public void ReleasedByOneDaemon_IsAcquiredByTheOther()
    {
        using (var realHolder = PythonHolder.Start(Real.RunDir, "LS", "R1", _cluster.Lease("r1")))
        {
            Assert.Equal("held", realHolder.Outcome);
            realHolder.Kill();
        }
        Thread.Sleep(500);
        using var ourHolder = PythonHolder.Start(Ours.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("held", ourHolder.Outcome);
        ourHolder.Kill();
        Thread.Sleep(500);
        using var realAgain = PythonHolder.Start(Real.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("held", realAgain.Outcome);
    }

    private static void WaitForLive(Func<string[], ProcessResult> client, int hostId)
    {
        var line = new System.Text.RegularExpressions.Regex($@"(?m)^h {hostId} gen \d+ timestamp \d+ (\w+)$");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var gets = client(["gets", "-h", "1"]).Stdout;
            if (line.Match(gets).Groups[1].Value == "LIVE")
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"host {hostId} never reported LIVE: {gets}");
            Thread.Sleep(250);
        }
    }

    private static void WaitForLive(OurDaemon daemon, int hostId) => WaitForLive(args => daemon.Client(args), hostId);

    private static void WaitForLive(RealDaemon daemon, int hostId) => WaitForLive(args => daemon.Client(args), hostId);
}
