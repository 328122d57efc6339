using Sanlock.OnDisk;

namespace Sanlock.Leases.Paxos;

public sealed partial class PaxosLease
{
    /// <summary>
    /// Clears a SHARED mode block in host_id's own sector that no live holder stands behind (left by an earlier
    /// incarnation, or by a shared write that timed out and landed after the acquire had already failed). The
    /// dblock values are kept (marked RELEASED) so no ballot loses an accepted value. Call only for a lease this
    /// host does not hold. Returns true when something was cleared.
    /// </summary>
    public async Task<bool> ClearStaleSharedAsync(int hostId, CancellationToken cancellationToken = default)
    {
        var (dblock, modeBlock) = await ReadDblockSectorAsync(hostId, cancellationToken).ConfigureAwait(false);
        if (!modeBlock.IsShared)
        {
            return false;
        }

        var kept = dblock.IsChecksumValid ? dblock with { Flags = dblock.Flags | PaxosDblock.FlagReleased } : default;
        await WriteOwnSectorAsync(hostId, kept, default, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Releases the lease if the disk says this host (this generation) holds it although the caller does not
    /// think so — after an acquire or convert failed past its commit, or a release failed. Marks this host's
    /// dblock RELEASED for the held lver, and frees the leader when this host wrote it last. Returns true
    /// when it found the lease held.
    /// </summary>
    public async Task<bool> ReleaseIfHeldAsync(ILockspaceView me, CancellationToken cancellationToken = default)
    {
        var leader = await ReadLeaderAsync(me.HostId, cancellationToken).ConfigureAwait(false);
        if (leader.IsFree || leader.OwnerId != (ulong)me.HostId || leader.OwnerGeneration != me.Generation)
        {
            return false;
        }

        var (dblock, _) = await ReadDblockSectorAsync(me.HostId, cancellationToken).ConfigureAwait(false);
        if (dblock.Lver == leader.Lver && dblock.IsChecksumValid)
        {
            await WriteOwnSectorAsync(me.HostId, dblock with { Flags = dblock.Flags | PaxosDblock.FlagReleased }, default, cancellationToken)
                .ConfigureAwait(false);
        }

        if (leader.WriteId == (ulong)me.HostId)
        {
            await WriteLeaderAsync(leader with
            {
                Timestamp = 0,
                WriteGeneration = me.Generation,
                WriteTimestamp = _clock.NowSeconds,
                Flags = leader.Flags & ~Leader.FlagShortHold,
            }, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
