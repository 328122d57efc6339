using Sanlock.TestKit.Simulation;

namespace Sanlock.UnitTests.Simulation;

/// <summary>The seeded scenarios CI runs; a seed fully determines hosts, resources, faults and schedule.</summary>
internal static class SimulationScenarios
{
    public static SimulationOptions FaultFree(int seed) => new()
    {
        Seed = seed,
        Hosts = 2 + (seed % 7),
        Resources = 1 + (seed % 3),
        ChaosDuration = TimeSpan.FromSeconds(120),
    };

    public static SimulationOptions WithFaults(int seed) => new()
    {
        Seed = seed,
        Hosts = 2 + (seed % 7),
        Resources = 1 + (seed % 3),
        ChaosDuration = TimeSpan.FromSeconds(200),
        Faults = new SimFaults { CrashBeforeIo = 0.0005, Eio = 0.01, DelayPastTimeout = 0.01 },
        PausePerSecond = 0.002,
        MaxPause = TimeSpan.FromSeconds(150),
    };

    /// <summary>Seeds below 100 000 are fault-free runs, the others runs with faults (as the CI tests use them).</summary>
    public static SimulationOptions ForSeed(int seed) => seed < 100_000 ? FaultFree(seed) : WithFaults(seed);
}
