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
}
