using Sanlock.Daemon.Killing;

namespace Sanlock.UnitTests.Daemon;

public class KillLoopTests
{
    private static readonly TimeSpan _fast = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task RunAsync_HolderThatNeverGoes_IsSignalledMaxStepsTimes_ThenFalse()
    {
        int signals = 0;
        bool gone = await KillLoop.RunAsync<string>(() => ["pid"], _ => signals++, _fast, cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(gone);
        Assert.Equal(KillSchedule.MaxSteps, signals);
    }

    [Fact]
    public async Task RunAsync_HolderGoneAfterThreeSignals_StopsAndReturnsTrue()
    {
        int signals = 0;
        bool gone = await KillLoop.RunAsync<string>(() => signals < 3 ? ["pid"] : Array.Empty<string>(), _ => signals++, _fast,
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(gone);
        Assert.Equal(3, signals);
    }

    [Fact]
    public async Task RunAsync_NoHolders_SignalsNobody()
    {
        int signals = 0;
        Assert.True(await KillLoop.RunAsync<int>(Array.Empty<int>, _ => signals++, _fast, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, signals);
    }

    [Fact]
    public async Task RunAsync_StepsAreAnIntervalApart()
    {
        var started = DateTime.UtcNow;
        int signals = 0;
        await KillLoop.RunAsync<string>(() => signals < 3 ? ["pid"] : Array.Empty<string>(), _ => signals++, TimeSpan.FromMilliseconds(100),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(290), "three steps should take at least three intervals");
    }
}
