using Sanlock.Leases.Delta;

namespace Sanlock.TestKit.Simulation;

/// <summary>One seeded multi-host lease simulation: how many hosts and resources, how long, which faults.</summary>
public sealed record SimulationOptions
{
    public int Seed { get; init; }

    public int Hosts { get; init; } = 3;

    public int Resources { get; init; } = 2;

    /// <summary>io_timeout T of every host (1 s keeps 8T + W = 68 s of virtual time short).</summary>
    public int IoTimeoutSeconds { get; init; } = 1;

    /// <summary>num_hosts written into every resource leader (ballot span = next power of two ≥ this + 2).</summary>
    public int NumHosts { get; init; } = 8;

    /// <summary>How long hosts acquire and release under faults before the liveness phase.</summary>
    public TimeSpan ChaosDuration { get; init; } = TimeSpan.FromSeconds(240);

    public SimFaults Faults { get; init; } = SimFaults.None;

    /// <summary>Probability per host per virtual second that the host stops being scheduled for a while.</summary>
    public double PausePerSecond { get; init; }

    /// <summary>Longest pause; beyond 8T the host's own lease has expired when it wakes.</summary>
    public TimeSpan MaxPause { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>Share of acquires asking for a shared lease.</summary>
    public double SharedRatio { get; init; } = 0.3;

    /// <summary>Share of actions on a held lease that convert it (EX⇄SH) instead of releasing it.</summary>
    public double ConvertRatio { get; init; } = 0.2;

    /// <summary>Each host waits a random time up to this before it first joins (hosts joining while others hold leases).</summary>
    public TimeSpan MaxJoinDelay { get; init; }

    /// <summary>How the hosts' lockspaces bound the dblocks their ballots read.</summary>
    public BallotScanPolicy BallotScan { get; init; } = BallotScanPolicy.Default;

    /// <summary>After the chaos phase: faults off, and every free resource must be won by a live host.</summary>
    public bool CheckLiveness { get; init; } = true;
}
