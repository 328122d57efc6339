using Sanlock.Leases.Delta;
using Sanlock.Leases.Io;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Paxos;

public sealed partial class PaxosLease
{
    /// <summary>The leader and the ballot span read with it (§7.1): dblocks 1..<paramref name="HostsRead"/>.</summary>
    private sealed record LeaseRead(Leader Leader, byte[] Sectors, int NumHosts, int HostsRead, ulong MaxMbal);

    /// <summary>Sectors holding the leader, the request record and dblocks 1..<paramref name="HostsRead"/>.</summary>
    private readonly record struct BallotSpan(byte[] Sectors, int HostsRead);

    /// <summary>
    /// §7.1: one read of the ballot span for the expected num_hosts; again when the leader names another
    /// geometry or more hosts than were read. Validates the leader and every dblock's checksum (−214).
    /// </summary>
    private async Task<LeaseRead> InitialReadAsync(ILockspaceView me, CancellationToken cancellationToken)
    {
        while (true)
        {
            int expectedHosts = NumHostsHint ?? Geometry.MaxHosts;
            var span = await ReadBallotSpanAsync(me, expectedHosts, SanlockError.LeaderRead, cancellationToken).ConfigureAwait(false);
            var sectors = span.Sectors;
            var leader = Leader.Decode(sectors);
            LeaderValidation.EnsurePaxos(leader, SpaceName, ResourceName, (ulong)me.HostId, Where);

            var geometry = LeaseGeometry.FromLeader(leader.Flags, leader.SectorSize);
            if (geometry != Geometry)
            {
                Geometry = geometry;
                continue;
            }

            int numHosts = (int)Math.Min(leader.NumHosts, (ulong)Geometry.MaxHosts);
            NumHostsHint = numHosts;

            // A bounded read already holds every participant's dblock, whatever num_hosts the leader names.
            int hostsNeeded = span.HostsRead < expectedHosts ? Math.Min(numHosts, span.HostsRead) : numHosts;
            if (SpanSectors(hostsNeeded) > sectors.Length / Geometry.SectorSize)
            {
                continue;
            }

            ulong maxMbal = 0;
            for (int q = 1; q <= hostsNeeded; q++)
            {
                var (dblock, _) = DblockSector.Decode(ResourceLayout.DblockSector(sectors, Geometry, q));
                if (!dblock.IsChecksumValid)
                {
                    throw new SanlockException(SanlockError.DblockChecksum,
                        $"{Where}: dblock of host {q} has checksum 0x{dblock.Checksum:x8}, computed 0x{dblock.ComputeChecksum():x8}");
                }

                maxMbal = Math.Max(maxMbal, dblock.Mbal);
            }

            return new LeaseRead(leader, sectors, numHosts, hostsNeeded, maxMbal);
        }
    }

    /// <summary>
    /// Reads the ballot span for <paramref name="numHosts"/>, or only up to the lockspace's
    /// <see cref="BallotHostBound"/>. A bounded read that completes after the bound lapsed proves nothing, so
    /// it is repeated in full.
    /// </summary>
    private async Task<BallotSpan> ReadBallotSpanAsync(ILockspaceView me, int numHosts, SanlockError onError, CancellationToken cancellationToken)
    {
        var bound = await me.BallotHostBoundAsync(cancellationToken).ConfigureAwait(false);
        int hosts = bound.HostsToRead(numHosts, me.HostId);
        var sectors = await ReadSpanAsync(hosts, onError, cancellationToken).ConfigureAwait(false);
        if (hosts < numHosts && !bound.Covers(_clock.Now))
        {
            FullRereads++;
            hosts = numHosts;
            sectors = await ReadSpanAsync(hosts, onError, cancellationToken).ConfigureAwait(false);
        }

        return new BallotSpan(sectors, hosts);
    }

    private int SpanSectors(int numHosts) => Math.Min(LeaseGeometry.BallotReadSectors(numHosts), Geometry.SectorsPerArea);

    private async Task<byte[]> ReadSpanAsync(int numHosts, SanlockError onError, CancellationToken cancellationToken)
    {
        int length = SpanSectors(numHosts) * Geometry.SectorSize;
        using var buffer = await LeaseIo.ReadAsync(_disk, Offset, length, onError, Where, cancellationToken).ConfigureAwait(false);
        return buffer.Span[..length].ToArray();
    }

    private async Task<(PaxosDblock Dblock, ModeBlock ModeBlock)> ReadDblockSectorAsync(int hostId, CancellationToken cancellationToken)
    {
        using var buffer = await LeaseIo.ReadAsync(_disk, ResourceLayout.DblockOffset(Offset, Geometry, hostId), Geometry.SectorSize,
            SanlockError.DblockRead, Where, cancellationToken).ConfigureAwait(false);
        return DblockSector.Decode(buffer.Span);
    }

    private Task WriteOwnSectorAsync(int hostId, PaxosDblock dblock, ModeBlock modeBlock, CancellationToken cancellationToken) =>
        WriteSectorAsync(hostId, sector => DblockSector.Encode(sector, dblock, modeBlock, recomputeChecksum: !dblock.IsReleased), cancellationToken);

    private Task WriteSectorAsync(int hostId, LeaseIo.SpanAction fill, CancellationToken cancellationToken) =>
        LeaseIo.WriteSectorAsync(_disk, ResourceLayout.DblockOffset(Offset, Geometry, hostId), Geometry.SectorSize, fill,
            SanlockError.DblockWrite, Where, cancellationToken);

    /// <summary>Writes the leader sector with a fresh checksum; returns the leader as written.</summary>
    private async Task<Leader> WriteLeaderAsync(Leader leader, CancellationToken cancellationToken)
    {
        leader.Checksum = leader.ComputeChecksum();
        await LeaseIo.WriteSectorAsync(_disk, Offset, Geometry.SectorSize, leader.EncodeWithStoredChecksum, SanlockError.LeaderWrite, Where, cancellationToken)
            .ConfigureAwait(false);
        return leader;
    }

    /// <summary>
    /// §7.6 steps 2–3: free the leader, but only if this host wrote it last and it is exactly what this host
    /// committed (−250 other lver, −251 other owner or changed bytes).
    /// </summary>
    private async Task ReleaseLeaderAsync(HeldLease held, LeaseName? newName, CancellationToken cancellationToken)
    {
        var current = await ReadLeaderAsync(0, cancellationToken).ConfigureAwait(false);
        if (current.WriteId != (ulong)held.HostId)
        {
            return;
        }

        if (current.Lver != held.Lver)
        {
            throw new SanlockException(SanlockError.ReleaseLver, $"{Where}: leader lver {current.Lver}, held {held.Lver}");
        }

        if (current.IsFree || current.OwnerId != (ulong)held.HostId || current.OwnerGeneration != held.Generation
            || !DeltaLease.SameRecord(current, held.Leader))
        {
            throw new SanlockException(SanlockError.ReleaseOwner,
                $"{Where}: leader owned by {current.OwnerId}/{current.OwnerGeneration} timestamp {current.Timestamp} is not the one held by {held.HostId}/{held.Generation}");
        }

        var free = current with
        {
            Timestamp = 0,
            WriteId = (ulong)held.HostId,
            WriteGeneration = held.Generation,
            WriteTimestamp = _clock.NowSeconds,
            Flags = current.Flags & ~Leader.FlagShortHold,
            ResourceName = newName ?? current.ResourceName,
        };
        await WriteLeaderAsync(free, cancellationToken).ConfigureAwait(false);
    }
}
