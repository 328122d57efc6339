namespace Sanlock.Leases.Paxos;

/// <summary>What the caller asks of one acquire.</summary>
public sealed record AcquireOptions
{
    public static AcquireOptions Exclusive { get; } = new();

    public static AcquireOptions Shared { get; } = new() { Mode = LeaseMode.Shared };

    public LeaseMode Mode { get; init; } = LeaseMode.Exclusive;

    /// <summary>Fail with ACQUIRE_LVER (−240) when another host holds the lease at a different lver.</summary>
    public ulong? ExpectedLver { get; init; }

    /// <summary>Fail with ACQUIRE_OWNED_RETRY (−247) instead of waiting out a silent owner.</summary>
    public bool OwnerNoWait { get; init; }

    /// <summary>Write this num_hosts into the committed leader.</summary>
    public ulong? NewNumHosts { get; init; }

    /// <summary>Upper bound on ballot attempts (aborts retry with a higher mbal after a 0–1 s back-off).</summary>
    public int MaxBallotAttempts { get; init; } = 1000;
}
