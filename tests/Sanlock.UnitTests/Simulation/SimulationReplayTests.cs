namespace Sanlock.UnitTests.Simulation;

/// <summary>
/// Replays one seed. Set SANLOCK_SIM_SEED to the seed a failure printed (and SANLOCK_SIM_TRACE to a file
/// for the full event trace); without it, the seeds below — each once a failure — replay as regressions.
/// </summary>
public sealed class SimulationReplayTests
{
    public static TheoryData<int> Seeds()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("SANLOCK_SIM_SEED"), out int seed))
        {
            return [seed];
        }

        // 200182 and 200363: late joiners; an EX holder overlapped a live SH holder. Shown with waiters feeding their
        // owner-slot reads into the liveness tracker (stop 13); the cause was the shared-holder cleanup trusting the
        // tracker's stale record of a blank slot (SharedHolderDeathTests).
        return [100004, 100007, 100011, 100026, 100028, 200182, 200363];
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ReplayedSeed_KeepsEverySafetyProperty(int seed)
    {
        var failure = SimulationRunner.RunOne(SimulationScenarios.ForSeed(seed), out var log);
        if (Environment.GetEnvironmentVariable("SANLOCK_SIM_TRACE") is { Length: > 0 } path)
        {
            File.WriteAllLines(path, log.Trace);
        }

        if (failure is not null)
        {
            Assert.Fail(failure);
        }
    }
}
