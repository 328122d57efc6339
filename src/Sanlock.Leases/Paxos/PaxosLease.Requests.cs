using Sanlock.Leases.Io;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Paxos;

public sealed partial class PaxosLease
{
    /// <summary>
    /// §7.9 requester: asks the holder of a version below <paramref name="lver"/> to give the lease up.
    /// lver 0 with force 0 clears the record. Returns the owner's host_id whose bitmap bit the caller must set
    /// (0 when nothing was written because the lease is free or the request was cleared).
    /// Fails −272 when the lease is already at or past lver, −273 when a newer request is recorded.
    /// </summary>
    public async Task<int> RequestAsync(ulong lver, uint forceMode, bool useNextLver = false, CancellationToken cancellationToken = default)
    {
        if (lver == 0 && forceMode == RequestRecord.ForceNone && !useNextLver)
        {
            await WriteRequestAsync(RequestRecord.Empty, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var leader = await ReadLeaderAsync(0, cancellationToken).ConfigureAwait(false);
        if (leader.IsFree)
        {
            return 0;
        }

        if (useNextLver && lver == 0)
        {
            lver = leader.Lver + 1;
        }

        if (leader.Lver >= lver)
        {
            throw new SanlockException(SanlockError.RequestOld, $"{Where}: lease is at lver {leader.Lver}, request for {lver} is old");
        }

        var recorded = await ReadRequestAsync(cancellationToken).ConfigureAwait(false);
        if (recorded.Lver > lver)
        {
            throw new SanlockException(SanlockError.RequestLver, $"{Where}: a request for lver {recorded.Lver} is already recorded (asked {lver})");
        }

        await WriteRequestAsync(RequestRecord.Empty with { Lver = lver, ForceMode = forceMode }, cancellationToken).ConfigureAwait(false);
        return (int)leader.OwnerId;
    }

    /// <summary>Reads and checks the request record (−270 magic, −271 version).</summary>
    public async Task<RequestRecord> ReadRequestAsync(CancellationToken cancellationToken = default)
    {
        using var buffer = await LeaseIo.ReadAsync(_disk, ResourceLayout.RequestOffset(Offset, Geometry), Geometry.SectorSize,
            SanlockError.LeaderRead, Where, cancellationToken).ConfigureAwait(false);
        var record = RequestRecord.Decode(buffer.Span);
        var error = record.Validate();
        if (error != SanlockError.Ok)
        {
            throw new SanlockException(error, $"{Where}: request record magic 0x{record.Magic:x8} version 0x{record.Version:x8}");
        }

        return record;
    }

    /// <summary>§7.9 holder: whether a recorded request asks the holder of <paramref name="heldLver"/> to go.</summary>
    public static bool RequestApplies(RequestRecord request, ulong heldLver) =>
        request.ForceMode != RequestRecord.ForceNone && request.Lver != 0 && request.Lver > heldLver;

    /// <summary>Reads the lock value block (sector 2002) of a held lease.</summary>
    public async Task<byte[]> ReadLvbAsync(CancellationToken cancellationToken = default)
    {
        using var buffer = await LeaseIo.ReadAsync(_disk, ResourceLayout.LvbOffset(Offset, Geometry), Geometry.SectorSize,
            SanlockError.LeaderRead, Where, cancellationToken).ConfigureAwait(false);
        return buffer.Span[..Geometry.SectorSize].ToArray();
    }

    /// <summary>Writes the lock value block; only the holder of an exclusive lease may.</summary>
    public Task WriteLvbAsync(HeldLease held, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        if (held.Mode != LeaseMode.Exclusive)
        {
            throw new InvalidOperationException($"{Where}: the LVB is written only under an exclusive lease");
        }

        if (value.Length > Geometry.SectorSize)
        {
            throw new ArgumentException($"{Where}: LVB of {value.Length} bytes exceeds the sector size {Geometry.SectorSize}", nameof(value));
        }

        return LeaseIo.WriteSectorAsync(_disk, ResourceLayout.LvbOffset(Offset, Geometry), Geometry.SectorSize,
            sector => value.Span.CopyTo(sector), SanlockError.LeaderWrite, Where, cancellationToken);
    }

    private Task WriteRequestAsync(RequestRecord record, CancellationToken cancellationToken) =>
        LeaseIo.WriteSectorAsync(_disk, ResourceLayout.RequestOffset(Offset, Geometry), Geometry.SectorSize, record.Encode,
            SanlockError.LeaderWrite, Where, cancellationToken);
}
