namespace Sanlock.UnitTests.Simulation;

public sealed class SimulationSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public void FaultFreeSeeds_NeverOverlapExclusiveHolders_AndEveryResourceIsWon()
    {
        var (seeds, elapsed, results) = SimulationRunner.RunSeeds(1, 400, SimulationScenarios.FaultFree);
        output.WriteLine($"{seeds} seeds in {elapsed.TotalSeconds:F1} s: {string.Join(", ", results.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}"))}");
        Assert.True(results.GetValueOrDefault("acquire Exclusive Ok") > seeds, "hosts should acquire exclusively in most seeds");
    }

    [Fact]
    public void SeedsWithCrashesEioDelaysAndPauses_KeepEverySafetyProperty()
    {
        var (seeds, elapsed, results) = SimulationRunner.RunSeeds(100_001, 600, SimulationScenarios.WithFaults);
        output.WriteLine($"{seeds} seeds in {elapsed.TotalSeconds:F1} s: {string.Join(", ", results.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}"))}");
        Assert.True(results.GetValueOrDefault("acquire Exclusive AcquireIdLive") > 0, "contention should be exercised");
    }
}
