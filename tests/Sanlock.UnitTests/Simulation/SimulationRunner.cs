using System.Diagnostics;
using System.Text;
using Sanlock.TestKit.Simulation;

namespace Sanlock.UnitTests.Simulation;

/// <summary>Runs seeds and turns violations into one failure message that names each seed to replay.</summary>
internal static class SimulationRunner
{
    public static (int Seeds, TimeSpan Elapsed, Dictionary<string, int> Results) RunSeeds(
        int firstSeed, int count, Func<int, SimulationOptions> optionsFor, TimeSpan? budget = null)
    {
        var failures = new StringBuilder();
        var results = new Dictionary<string, int>();
        var stopwatch = Stopwatch.StartNew();
        int ran = 0;
        for (int seed = firstSeed; seed < firstSeed + count; seed++)
        {
            if (budget is { } limit && stopwatch.Elapsed > limit)
            {
                break;
            }

            var options = optionsFor(seed);
            var failure = RunOne(options, out var log);
            ran++;
            foreach (var (key, value) in log.Results)
            {
                results[key] = results.GetValueOrDefault(key) + value;
            }

            if (failure is not null)
            {
                failures.AppendLine(failure);
                if (failures.Length > 20_000)
                {
                    break;
                }
            }
        }

        if (Environment.GetEnvironmentVariable("SANLOCK_SIM_SUMMARY") is { Length: > 0 } summaryPath)
        {
            File.AppendAllText(summaryPath, $"{firstSeed}+{ran} seeds in {stopwatch.Elapsed.TotalSeconds:F1} s: "
                + string.Join(", ", results.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}")) + Environment.NewLine + failures);
        }

        Assert.True(failures.Length == 0, failures.ToString());
        return (ran, stopwatch.Elapsed, results);
    }

    /// <summary>Runs one seed; returns a failure description (with the replay hint) or null.</summary>
    public static string? RunOne(SimulationOptions options, out SimulationLog log)
    {
        // Simulated code must never see a synchronization context: continuations run inline on this thread.
        var saved = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var simulation = new LeaseSimulation(options);
            log = simulation.Log;
            bool finished = simulation.Run();
            var violations = SafetyChecker.Check(simulation.Log, options).ToList();
            if (!finished)
            {
                violations.Add($"step budget exhausted at virtual {simulation.Scheduler.Now.TotalSeconds:F1} s (livelock?)");
            }

            if (violations.Count == 0)
            {
                return null;
            }

            var text = new StringBuilder();
            text.AppendLine($"seed {options.Seed} failed ({options}); replay: SANLOCK_SIM_SEED={options.Seed} with SimulationReplayTests");
            foreach (var violation in violations.Take(10))
            {
                text.AppendLine("  " + violation);
            }

            foreach (var line in simulation.DescribeDisk())
            {
                text.AppendLine("    # " + line);
            }

            foreach (var line in simulation.Log.Trace.TakeLast(40))
            {
                text.AppendLine("    | " + line);
            }

            return text.ToString();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }
}
