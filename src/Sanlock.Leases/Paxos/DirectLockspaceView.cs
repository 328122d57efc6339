using Sanlock.Leases.Delta;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Paxos;

/// <summary>
/// The lockspace view of <c>direct acquire</c>: a host_id and generation the caller vouches for, and no
/// lockspace to judge other hosts by. A lease another host owns can therefore never be waited out or taken:
/// asking about the owner fails −241 (ACQUIRE_LOCKSPACE), as the real <c>sanlock direct acquire</c> answers.
/// </summary>
public sealed class DirectLockspaceView : ILockspaceView
{
    public DirectLockspaceView(LeaseName spaceName, int hostId, ulong generation, Timeouts timeouts)
    {
        SpaceName = spaceName;
        HostId = hostId;
        Generation = generation;
        Timeouts = timeouts;
    }

    public LeaseName SpaceName { get; }

    public int HostId { get; }

    public ulong Generation { get; }

    public Timeouts Timeouts { get; }

    public HostLivenessTracker? Tracker => null;

    public Task<Leader> ReadHostSlotAsync(int hostId, CancellationToken cancellationToken) =>
        throw new SanlockException(SanlockError.AcquireLockspace,
            $"lease is owned by host_id {hostId}, and direct acquire has no lockspace to check whether that host is alive");

    public Task<bool> IsHostDeadAsync(int hostId, ulong generation, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>No scan of the lockspace here: every dblock is read.</summary>
    public ValueTask<BallotHostBound> BallotHostBoundAsync(CancellationToken cancellationToken) => ValueTask.FromResult(BallotHostBound.All);
}
