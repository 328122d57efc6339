using Sanlock.Leases.Delta;
using Sanlock.TestKit.Simulation;

namespace Sanlock.UnitTests.Simulation;

/// <summary>
/// Ballots read only the dblocks of host_ids a recent lockspace scan found in use. Hosts that join while
/// others hold and contend for leases are where that could go wrong.
/// </summary>
public sealed class BallotHostBoundSimulationTests(ITestOutputHelper output)
{
    private const int MinimumSeeds = 100;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    [Fact]
    public void HostsJoiningWhileOthersContend_NeverOverlapExclusiveHolders()
    {
        var (seeds, elapsed, results) = SimulationRunner.RunSeeds(200_001, 600, SimulationScenarios.LateJoiners, Budget);
        output.WriteLine($"{seeds} seeds in {elapsed.TotalSeconds:F1} s: {string.Join(", ", results.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}"))}");
        Assert.True(seeds >= MinimumSeeds, $"only {seeds} seeds ran within {Budget.TotalSeconds} s");
        Assert.True(results.GetValueOrDefault("acquire Exclusive Ok") > seeds, "hosts should acquire exclusively in most seeds");
    }

    [Fact]
    public void ABoundTrustedLongerThanTheJoinWait_IsCaughtByTheChecker()
    {
        // The same runs with the first scan trusted for a year: a late joiner's dblocks are never read, so
        // two hosts can each win a ballot. If this ever passes, the late-joiner runs above prove nothing.
        var forever = new BallotScanPolicy(TimeSpan.FromDays(365), TimeSpan.FromDays(365)) { RenewalsRefresh = false };
        int failed = 0, ran = 0;
        string first = "";
        for (int seed = 200_001; seed < 200_201 && failed == 0; seed++, ran++)
        {
            var options = SimulationScenarios.LateJoiners(seed) with { BallotScan = forever, Faults = SimFaults.None, PausePerSecond = 0, Hosts = 8, Resources = 1 };
            if (SimulationRunner.RunOne(options, out _) is { } failure)
            {
                output.WriteLine(failure[..Math.Min(failure.Length, 2_000)]);
                first = failure;
                failed++;
            }
        }

        Assert.True(failed > 0, $"no violation in {ran} seeds with an unsafe bound");
        Assert.Contains("overlapping holders", first);
    }
}
