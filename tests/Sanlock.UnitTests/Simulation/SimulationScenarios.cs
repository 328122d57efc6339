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

    /// <summary>Hosts join at random times during the first minute while the others already hold leases.</summary>
    public static SimulationOptions LateJoiners(int seed) => WithFaults(seed) with
    {
        Hosts = 3 + (seed % 6),
        MaxJoinDelay = TimeSpan.FromSeconds(60),
        PausePerSecond = 0.001,
    };

    /// <summary>Seeds below 100 000 are fault-free runs, below 200 000 runs with faults, the others late joiners (as the CI tests use them).</summary>
    public static SimulationOptions ForSeed(int seed) => seed switch
    {
        < 100_000 => FaultFree(seed),
        < 200_000 => WithFaults(seed),
        _ => LateJoiners(seed),
    };
}
