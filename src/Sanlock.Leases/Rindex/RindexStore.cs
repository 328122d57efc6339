using Sanlock.OnDisk;

namespace Sanlock.Leases.Rindex;

/// <summary>
/// The disk side of a resource index over <see cref="ILeaseDisk"/>: format, load and check, write back the sectors an
/// operation changed, rebuild from the leases found. Shared by the daemon's rindex commands and <c>direct</c>.
/// </summary>
/// <remarks>sanlock-disk-format.md §8.</remarks>
public static class RindexStore
{
    /// <summary>Header + empty entries over one align area, then a fresh <c>rindex_lease</c> in the next.</summary>
    public static async Task FormatAsync(ILeaseDisk disk, long offset, LeaseGeometry geometry, LeaseName lockspace, uint maxResources,
        CancellationToken cancellationToken = default)
    {
        int length = 2 * geometry.AlignSize;
        using var buffer = disk.AllocateBuffer(length);
        RindexFormat.Build(buffer.Span[..geometry.AlignSize], geometry, lockspace, (ulong)offset, maxResources);
        RindexFormat.BuildRindexLease(buffer.Span[geometry.AlignSize..length], geometry, lockspace);
        await disk.WriteAsync(offset, buffer, length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and checks the header at <paramref name="offset"/>, then loads the whole area. Throws
    /// <see cref="SanlockException"/> with the header check's code (−274…−277).</summary>
    public static async Task<RindexTable> LoadAsync(ILeaseDisk disk, LeaseName lockspace, ulong offset, CancellationToken cancellationToken = default)
    {
        RindexHeader header;
        using (var first = disk.AllocateBuffer(4096))
        {
            // 4096 bytes: one whole sector whichever the sector size (the header says which it is).
            await disk.ReadAsync((long)offset, first, 4096, cancellationToken).ConfigureAwait(false);
            header = RindexHeader.Decode(first.Span);
        }
        var error = RindexValidation.CheckHeader(header, lockspace, offset);
        if (error != SanlockError.Ok)
        {
            throw new SanlockException(error, $"{disk.Path}:{offset}: no rindex of lockspace \"{lockspace}\" here (header check {error}: " +
                $"magic 0x{header.Magic:x8}, lockspace \"{header.LockspaceName}\", rx_offset {header.RxOffset})");
        }
        if (!header.TryGetGeometry(out var geometry))
        {
            throw new SanlockException(SanlockError.RindexMagic, $"{disk.Path}:{offset}: rindex header names no sector/align size");
        }
        using var buffer = disk.AllocateBuffer(geometry.AlignSize);
        await disk.ReadAsync((long)offset, buffer, geometry.AlignSize, cancellationToken).ConfigureAwait(false);
        return new RindexTable(buffer.Span[..geometry.AlignSize].ToArray(), geometry, header);
    }

    /// <summary>Writes the sector holding entry <paramref name="index"/>.</summary>
    public static Task WriteEntrySectorAsync(ILeaseDisk disk, RindexTable table, int index, CancellationToken cancellationToken = default)
    {
        var (position, length) = table.SectorOf(index);
        return WriteAreaSliceAsync(disk, table, position, length, cancellationToken);
    }

    /// <summary>Sets every entry from the paxos leader found at its slot (free when there is none or the slot lies past
    /// <paramref name="deviceEnd"/>), then writes all entry sectors.</summary>
    public static async Task RebuildAsync(ILeaseDisk disk, RindexTable table, long deviceEnd, CancellationToken cancellationToken = default)
    {
        var geometry = table.Geometry;
        using (var sector = disk.AllocateBuffer(geometry.SectorSize))
        {
            for (int i = 0; i < table.Count; i++)
            {
                long offset = (long)table.ResourceOffset(i);
                Leader? leader = null;
                if (offset + geometry.SectorSize <= deviceEnd)
                {
                    await disk.ReadAsync(offset, sector, geometry.SectorSize, cancellationToken).ConfigureAwait(false);
                    leader = Leader.Decode(sector.Span);
                }
                table.SetFromLeader(i, leader);
            }
        }
        var (position, length) = table.EntrySectors();
        await WriteAreaSliceAsync(disk, table, position, length, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAreaSliceAsync(ILeaseDisk disk, RindexTable table, int position, int length, CancellationToken cancellationToken)
    {
        using var buffer = disk.AllocateBuffer(length);
        table.Area.Slice(position, length).CopyTo(buffer.Span);
        await disk.WriteAsync(table.RxOffset + position, buffer, length, cancellationToken).ConfigureAwait(false);
    }
}
