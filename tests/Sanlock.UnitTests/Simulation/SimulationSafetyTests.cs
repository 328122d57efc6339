namespace Sanlock.UnitTests.Simulation;

/// <summary>Thousands of seeds per CI run; a time budget per test keeps a slow CI machine bounded, and at least
/// <see cref="MinimumSeeds"/> must have run for the test to count.</summary>
public sealed class SimulationSafetyTests(ITestOutputHelper output)
{
    private const int MinimumSeeds = 200;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    [Fact]
    public void FaultFreeSeeds_NeverOverlapExclusiveHolders_AndEveryResourceIsWon()
    {
        var (seeds, elapsed, results) = SimulationRunner.RunSeeds(1, 1_000, SimulationScenarios.FaultFree, Budget);
        output.WriteLine($"{seeds} seeds in {elapsed.TotalSeconds:F1} s: {string.Join(", ", results.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}"))}");
        Assert.True(seeds >= MinimumSeeds, $"only {seeds} seeds ran within {Budget.TotalSeconds} s");
        Assert.True(results.GetValueOrDefault("acquire Exclusive Ok") > seeds, "hosts should acquire exclusively in most seeds");
    }

    [Fact]
    public void SeedsWithCrashesEioDelaysAndPauses_KeepEverySafetyProperty()
    {
        var (seeds, elapsed, results) = SimulationRunner.RunSeeds(100_001, 1_500, SimulationScenarios.WithFaults, Budget);
        output.WriteLine($"{seeds} seeds in {elapsed.TotalSeconds:F1} s: {string.Join(", ", results.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}"))}");
        Assert.True(seeds >= MinimumSeeds, $"only {seeds} seeds ran within {Budget.TotalSeconds} s");
        Assert.True(results.GetValueOrDefault("acquire Exclusive AcquireIdLive") > 0, "contention should be exercised");
    }
}
