namespace Sanlock.Leases.Delta;

/// <summary>
/// What one observer has seen of one host slot: local times of the first and latest examination and of the
/// last change of owner_id / owner_generation / timestamp ("seen renewing"), and the values last seen.
/// </summary>
public sealed record HostObservation(
    int HostId,
    TimeSpan FirstCheck,
    TimeSpan LastCheck,
    TimeSpan LastLive,
    ulong Timestamp,
    ulong OwnerId,
    ulong OwnerGeneration,
    int IoTimeoutSeconds)
{
    /// <summary>True once a change was seen after the first examination.</summary>
    public bool SeenRenewing => LastLive != FirstCheck;

    /// <summary>True when the latest examination saw a change.</summary>
    public bool LastCheckSawRenewal => LastCheck == LastLive && SeenRenewing;
}
