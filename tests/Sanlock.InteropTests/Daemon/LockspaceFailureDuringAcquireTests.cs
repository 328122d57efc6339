using Sanlock.OnDisk;

namespace Sanlock.InteropTests.Daemon;

/// <summary>
/// From the chaos soak (conf/chaos/soak.yaml, seed 1304): host 1 (real 3.8.5) had an acquire waiting out a paused
/// owner when host 1 itself was paused 13 s. Its lockspace failed, the harness added it again (generation + 1), and
/// the acquire that had waited across all this was granted with the failed generation in the leader. To every
/// other host that leader names a dead incarnation, so our host 2 took the lease 360 ms later: two holders.
/// Our daemon must end such an acquire with an error; the real daemon's grant is pinned here as a known defect.
/// </summary>
public sealed class LockspaceFailureDuringAcquireTests : IDisposable
{
    private static readonly TimeSpan _pause = TimeSpan.FromSeconds(13);

    private readonly DaemonTestDir _dir = new();
    private readonly List<IDisposable> _daemons = [];

    public LockspaceFailureDuringAcquireTests() => _dir.InitLeases("LS", "R1");

    public void Dispose()
    {
        foreach (var daemon in _daemons)
        {
            daemon.Dispose();
        }
        _dir.Dispose();
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task OurDaemon_AnAcquireThatWaitedAcrossItsLockspaceFailure_IsNotGranted()
    {
        var waiter = Track(OurDaemon.Start(Path.Combine(_dir.Root, "run1"), "waiter"));
        var (outcome, leader, slot) = await RunAsync(waiter.RunDir, () => waiter.Pid, args => waiter.Client(args));

        Assert.NotEqual("held", outcome);
        if (leader.OwnerId == 1)
        {
            Assert.Equal(slot.OwnerGeneration, leader.OwnerGeneration);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task RealDaemon_AnAcquireThatWaitedAcrossItsLockspaceFailure_IsGrantedUnderTheFailedGeneration()
    {
        var waiter = Track(RealDaemon.Start(Path.Combine(_dir.Root, "run1")));
        var (outcome, leader, slot) = await RunAsync(waiter.RunDir, () => waiter.Pid, args => waiter.Client(args));

        Assert.Equal("held", outcome);
        Assert.Equal(1UL, leader.OwnerId);
        Assert.True(leader.OwnerGeneration < slot.OwnerGeneration,
            $"leader generation {leader.OwnerGeneration}, host 1's slot generation {slot.OwnerGeneration}");
    }

    /// <summary>
    /// Host 2 (our daemon) takes R1 and dies. Host 1's acquire of R1 blocks waiting it out; host 1's daemon is
    /// paused 13 s (its lockspace fails) and its lockspace added again, as the chaos harness does. Returns the
    /// acquire's outcome, then R1's leader and host 1's delta lease as on disk.
    /// </summary>
    private async Task<(string Outcome, Leader Leader, Leader Slot)> RunAsync(string runDir, Func<int> daemonPid, Func<string[], ProcessResult> client)
    {
        var cancel = TestContext.Current.CancellationToken;
        string ls = _dir.Lease("ls");
        var owner = Track(OurDaemon.Start(Path.Combine(_dir.Root, "run2"), "owner"));
        await Task.WhenAll(
            Task.Run(() => client(["add_lockspace", "-s", $"LS:1:{ls}:0", "-o", "1"]).EnsureSuccess(), cancel),
            Task.Run(() => owner.Client("add_lockspace", "-s", $"LS:2:{ls}:0", "-o", "1").EnsureSuccess(), cancel));
        using (var holder = PythonHolder.Start(owner.RunDir, "LS", "R1", _dir.Lease("r1")))
        {
            Assert.Equal("held", holder.Outcome);
            owner.Kill();
        }

        var waiting = await BeginBlockedAcquireAsync(runDir, cancel);
        using (waiting)
        {
            Tools.Run("/bin/kill", ["-STOP", daemonPid().ToString(System.Globalization.CultureInfo.InvariantCulture)]).EnsureSuccess();
            await Task.Delay(_pause, cancel);
            Tools.Run("/bin/kill", ["-CONT", daemonPid().ToString(System.Globalization.CultureInfo.InvariantCulture)]).EnsureSuccess();
            await AddAgainAsync(client, ls, cancel);

            var ended = await Task.WhenAny(waiting.OutcomeReported, Task.Delay(TimeSpan.FromSeconds(100), cancel));
            Assert.True(ended == waiting.OutcomeReported, "the acquire did not end within 100 s");
            return (waiting.Outcome, ReadLeader(_dir.Lease("r1")), ReadLeader(ls));
        }
    }

    /// <summary>Attempts fail with −243 until host 1 no longer sees the owner renew; the next one blocks.</summary>
    private async Task<PythonHolder> BeginBlockedAcquireAsync(string runDir, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            var attempt = PythonHolder.Begin(runDir, "LS", "R1", _dir.Lease("r1"));
            if (await Task.WhenAny(attempt.OutcomeReported, Task.Delay(TimeSpan.FromSeconds(3), cancel)) != attempt.OutcomeReported)
            {
                return attempt;
            }
            string outcome = attempt.Outcome;
            attempt.Dispose();
            Assert.Equal("error -243", outcome);
            await Task.Delay(500, cancel);
        }
        throw new TimeoutException("no acquire blocked waiting out the dead owner within 40 s");
    }

    /// <summary>Adds the lockspace again once the failed one is gone (−17 / −115 while it is still being removed).</summary>
    private static async Task AddAgainAsync(Func<string[], ProcessResult> client, string ls, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var added = client(["add_lockspace", "-s", $"LS:1:{ls}:0", "-o", "1"]);
            if (added.ExitCode == 0)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"lockspace not added again within 30 s: {added.Stdout} {added.Stderr}");
            await Task.Delay(1000, cancel);
        }
    }

    private static Leader ReadLeader(string path)
    {
        var sector = new byte[512];
        using var file = File.OpenRead(path);
        file.ReadExactly(sector);
        return Leader.Decode(sector);
    }

    private T Track<T>(T daemon)
        where T : IDisposable
    {
        _daemons.Add(daemon);
        return daemon;
    }
}
