namespace Sanlock.OnDisk;

/// <summary>
/// The resource index: an rindex area (header in sector 0, 64-byte entries from sector 1) at rx_offset, the
/// <c>rindex_lease</c> paxos lease at rx_offset + align_size, and resource lease N at rx_offset + (2 + N)·align_size.
/// </summary>
/// <remarks>sanlock-disk-format.md §8.</remarks>
public static class RindexFormat
{
    /// <summary>Resource name of the paxos lease guarding rindex updates.</summary>
    public const string RindexLeaseName = "rindex_lease";

    /// <summary>Entries per sector (8 for 512, 64 for 4096).</summary>
    public static int EntriesPerSector(LeaseGeometry geometry) => geometry.SectorSize / RindexEntry.Size;

    /// <summary>A header as format writes it; <paramref name="maxResources"/> 0 means 4096, capped at the geometry maximum.</summary>
    public static RindexHeader NewHeader(LeaseGeometry geometry, LeaseName lockspaceName, ulong rxOffset, uint maxResources = 0)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        uint requested = maxResources == 0 ? RindexHeader.DefaultMaxResources : maxResources;
        return new RindexHeader
        {
            Magic = RindexHeader.RindexMagic,
            Version = RindexHeader.RindexVersion,
            Flags = geometry.RindexAlignFlag,
            SectorSize = (uint)geometry.SectorSize,
            MaxResources = Math.Min(requested, (uint)geometry.RindexMaxEntries),
            RxOffset = rxOffset,
            LockspaceName = lockspaceName,
        };
    }

    /// <summary>Fills the rindex area (exactly align_size bytes): header in sector 0, no entries.</summary>
    public static RindexHeader Build(Span<byte> area, LeaseGeometry geometry, LeaseName lockspaceName, ulong rxOffset, uint maxResources = 0)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        AreaOffset.EnsureLength(area.Length, geometry.AlignSize, "an rindex area", nameof(area));
        AreaOffset.EnsureSectorAligned(checked((long)rxOffset), geometry, nameof(rxOffset));
        var header = NewHeader(geometry, lockspaceName, rxOffset, maxResources);
        area.Clear();
        header.Encode(area);
        return header;
    }

    /// <summary>Fills the <c>rindex_lease</c> area (exactly align_size bytes); num_hosts = max_hosts.</summary>
    public static Leader BuildRindexLease(Span<byte> area, LeaseGeometry geometry, LeaseName lockspaceName) =>
        ResourceFormat.Build(area, geometry, lockspaceName, RindexLeaseName, numHosts: 0);

    /// <summary>Absolute offset of the rindex_lease paxos lease.</summary>
    public static long RindexLeaseOffset(long rxOffset, LeaseGeometry geometry) => checked(rxOffset + geometry.AlignSize);

    /// <summary>Absolute offset of entry <paramref name="index"/> (0-based).</summary>
    public static long EntryOffset(long rxOffset, LeaseGeometry geometry, int index)
    {
        EnsureIndex(geometry, index);
        return checked(rxOffset + geometry.SectorSize + ((long)index * RindexEntry.Size));
    }

    /// <summary>Byte position of entry <paramref name="index"/> inside a buffer holding the rindex area.</summary>
    public static int EntryPosition(LeaseGeometry geometry, int index)
    {
        EnsureIndex(geometry, index);
        return geometry.SectorSize + (index * RindexEntry.Size);
    }

    /// <summary>Absolute offset of the resource lease described by entry <paramref name="index"/>.</summary>
    public static long ResourceOffset(long rxOffset, LeaseGeometry geometry, int index)
    {
        EnsureIndex(geometry, index);
        return checked(rxOffset + ((2L + index) * geometry.AlignSize));
    }

    /// <summary>
    /// The entry index for a resource offset, or −1 when the offset is not rx_offset + (2 + N)·align_size
    /// for a valid N (sanlock reports such offsets as RINDEX_OFFSET).
    /// </summary>
    public static int EntryIndex(long rxOffset, LeaseGeometry geometry, long resourceOffset)
    {
        long delta = resourceOffset - rxOffset - (2L * geometry.AlignSize);
        if (delta < 0 || delta % geometry.AlignSize != 0)
        {
            return -1;
        }

        long index = delta / geometry.AlignSize;
        return index < geometry.RindexMaxEntries ? (int)index : -1;
    }

    private static void EnsureIndex(LeaseGeometry geometry, int index)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        if (index < 0 || index >= geometry.RindexMaxEntries)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"rindex entry {index} is outside 0..{geometry.RindexMaxEntries - 1}");
        }
    }
}
