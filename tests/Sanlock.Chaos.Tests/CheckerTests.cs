namespace Sanlock.Chaos.Tests;

public sealed class CheckerTests
{
    [Fact]
    public void Check_WhenExclusiveHoldsFollowEachOther_FindsNothing()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 1).Write(10, 1, 100, 0, 1).Release(500, 1, 100, 0)
            .Acquire(600, 2, 200, 0, 2).Write(610, 2, 200, 0, 2).Release(900, 2, 200, 0)
            .Check();

        Assert.Empty(result.Violations);
        Assert.Equal(2, result.Holds.Count);
    }

    [Fact]
    public void Check_WhenTwoExclusiveHoldsOverlap_ReportsTwoHolders()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 1).Release(1000, 1, 100, 0)
            .Acquire(500, 2, 200, 0, 2).Release(1500, 2, 200, 0)
            .Check();

        var v = Assert.Single(result.Violations);
        Assert.Equal(Checker.TwoHolders, v.Rule);
    }

    [Fact]
    public void Check_WhenSharedHoldsOverlap_FindsNothing()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 3, exclusive: false).Release(1000, 1, 100, 0)
            .Acquire(500, 2, 200, 0, 3, exclusive: false).Release(1500, 2, 200, 0)
            .Check();

        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Check_WhenSharedOverlapsExclusive_ReportsTwoHolders()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 3, exclusive: false).Release(1000, 1, 100, 0)
            .Acquire(500, 2, 200, 0, 4).Release(1500, 2, 200, 0)
            .Check();

        Assert.Equal(Checker.TwoHolders, Assert.Single(result.Violations).Rule);
    }

    [Fact]
    public void Check_WhenOverlapIsWithinTolerance_FindsNothing()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 1).Exit(1000, 1, 100)
            .Acquire(950, 2, 200, 0, 2).Release(1500, 2, 200, 0)
            .Check();

        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Check_WhenOldHoldersWriteIsAcceptedAfterNewerHolderWrote_ReportsStaleWriteAccepted()
    {
        var result = new History()
            .Fault(100, 1, FaultKind.PauseHost)
            .Acquire(0, 1, 100, 0, 1).Write(50, 1, 100, 0, 1)
            .Acquire(70_000, 2, 200, 0, 2).Write(70_010, 2, 200, 0, 2)
            .FaultEnd(80_000, 1, FaultKind.PauseHost)
            .Write(80_005, 1, 100, 0, 1)
            .Exit(80_100, 1, 100)
            .Release(81_000, 2, 200, 0)
            .Check();

        Assert.Contains(result.Violations, v => v.Rule == Checker.StaleWriteAccepted);
    }

    [Fact]
    public void Check_WhenOldHoldersWriteIsRefusedAfterTakeover_FindsNothingAndCountsTheTakeover()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 1).Write(50, 1, 100, 0, 1)
            .Fault(100, 1, FaultKind.PauseHost)
            .Acquire(70_000, 2, 200, 0, 2).Write(70_010, 2, 200, 0, 2)
            .FaultEnd(80_000, 1, FaultKind.PauseHost)
            .Write(80_005, 1, 100, 0, 1, accepted: false)
            .Exit(80_100, 1, 100)
            .Release(81_000, 2, 200, 0)
            .Check();

        Assert.Empty(result.Violations);
        var takeover = Assert.Single(result.Takeovers);
        Assert.Equal((1, 2, 70_000L), (takeover.FromHost, takeover.ToHost, takeover.Time));
    }

    [Fact]
    public void Check_WhenTakenOverAfterOwnersDaemonRestartedWhileItsWorkerStillWrites_FindsNothing()
    {
        // all-ours seed 8: the holder outlived its daemon; the restarted daemon re-joined with a new generation and
        // another host took the lease; the old holder's later writes were refused by the token.
        var result = new History()
            .Acquire(0, 2, 100, 0, 8).Write(10, 2, 100, 0, 8)
            .Fault(700, 2, FaultKind.KillDaemon)
            .FaultEnd(2_800, 2, FaultKind.KillDaemon)
            .Acquire(3_280, 1, 200, 0, 9).Write(3_380, 1, 200, 0, 9)
            .Write(3_330, 2, 100, 0, 8, accepted: false).Write(3_400, 2, 100, 0, 8, accepted: false)
            .Release(3_540, 2, 100, 0).Release(4_500, 1, 200, 0)
            .Check();

        Assert.Empty(result.Violations);
        Assert.Single(result.Takeovers);
    }

    [Fact]
    public void Check_WhenTakenOverBeforeOwnersDaemonRestarted_ReportsPrematureTakeover()
    {
        var result = new History()
            .Acquire(0, 2, 100, 0, 8)
            .Fault(700, 2, FaultKind.KillDaemon)
            .Acquire(2_000, 1, 200, 0, 9).Release(2_500, 1, 200, 0)
            .FaultEnd(2_800, 2, FaultKind.KillDaemon)
            .Release(3_540, 2, 100, 0)
            .Check();

        Assert.Contains(result.Violations, v => v.Rule == Checker.PrematureTakeover);
    }

    [Fact]
    public void Check_WhenPausedHostsLeaseIsTakenWhilePaused_ReportsPrematureTakeover()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 1)
            .Fault(100, 1, FaultKind.PauseHost)
            .Acquire(9_000, 2, 200, 0, 2).Release(9_500, 2, 200, 0)
            .FaultEnd(12_000, 1, FaultKind.PauseHost)
            .Exit(12_100, 1, 100)
            .Check();

        Assert.Contains(result.Violations, v => v.Rule == Checker.PrematureTakeover);
    }

    [Fact]
    public void Check_WhenLaterExclusiveHoldGetsAnOlderLver_ReportsLverOrder()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 5).Release(100, 1, 100, 0)
            .Acquire(200, 2, 200, 0, 5).Release(300, 2, 200, 0)
            .Check();

        Assert.Equal(Checker.LverOrder, Assert.Single(result.Violations).Rule);
    }

    [Fact]
    public void Check_WhenHolderOutlivesKillScheduleAfterPause_ReportsKillSchedule()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 1)
            .Fault(100, 1, FaultKind.PauseHost)
            .FaultEnd(12_000, 1, FaultKind.PauseHost)
            .Exit(200_000, 1, 100)
            .Check();

        Assert.Contains(result.Violations, v => v.Rule == Checker.KillSchedule);
    }

    [Fact]
    public void Check_WhenHolderIsKilledSoonAfterResume_FindsNothing()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 1)
            .Fault(100, 1, FaultKind.PauseHost)
            .FaultEnd(12_000, 1, FaultKind.PauseHost)
            .Exit(12_300, 1, 100)
            .Add(new ChaosEvent(200_000, EventKind.WorkerStart, 2, 300))
            .Check();

        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Check_WhenHolderSurvivesRemLockspace_ReportsKillSchedule()
    {
        var result = new History()
            .Acquire(0, 1, 100, 0, 1)
            .Fault(1_000, 1, FaultKind.RemLockspace)
            .Exit(60_000, 1, 100)
            .Check();

        Assert.Equal(Checker.KillSchedule, Assert.Single(result.Violations).Rule);
    }

    [Fact]
    public void Check_WhenLeaseIsHeldByDeadPidAfterRun_ReportsIt()
    {
        var result = new History().Acquire(0, 1, 100, 0, 1).Exit(50, 1, 100).HeldAfterRun(5_000, 1, 100, 0).Check();

        Assert.Equal(Checker.HeldByDeadPid, Assert.Single(result.Violations).Rule);
    }

    [Fact]
    public void Check_WhenRefusalCodeIsUndocumented_ReportsIt()
    {
        var result = new History().Refused(0, 1, 100, -243).Refused(10, 1, 100, -999).Check();

        var v = Assert.Single(result.Violations);
        Assert.Equal(Checker.UndocumentedCode, v.Rule);
        Assert.Contains("-999", v.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_LastLineCountsViolations()
    {
        var history = new History().Refused(0, 1, 100, -999);
        var text = Summary.Render(history.Events, history.Check(), 0, 1000);

        Assert.Equal("violations: 1", text.Split('\n')[^1]);
        Assert.Contains("refusals: -999 x1", text, StringComparison.Ordinal);
    }
}
