using Sanlock.Leases.Delta;
using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;

namespace Sanlock.Leases;

/// <summary>
/// What the paxos algorithm needs from the lockspace a host has joined: its identity there, its view of
/// other hosts' liveness, and reads of their delta leases.
/// </summary>
public interface ILockspaceView
{
    LeaseName SpaceName { get; }

    int HostId { get; }

    /// <summary>This host's generation in the lockspace (inp2 of its ballots).</summary>
    ulong Generation { get; }

    Timeouts Timeouts { get; }

    /// <summary>The renewal-fed liveness tracker, or null when there is none (e.g. <c>direct acquire</c>).</summary>
    HostLivenessTracker? Tracker { get; }

    /// <summary>Reads and validates host_id's delta lease.</summary>
    Task<Leader> ReadHostSlotAsync(int hostId, CancellationToken cancellationToken);

    /// <summary>
    /// True only when host_id's incarnation <paramref name="generation"/> is proven gone (used to clean up
    /// shared holders). Unknown counts as alive.
    /// </summary>
    Task<bool> IsHostDeadAsync(int hostId, ulong generation, CancellationToken cancellationToken);

    /// <summary>Which dblocks a ballot must read, and until when (<see cref="BallotHostBound.All"/> when unknown).</summary>
    ValueTask<BallotHostBound> BallotHostBoundAsync(CancellationToken cancellationToken);
}
