namespace Sanlock.OnDisk;

/// <summary>
/// The entries of a resource index held in memory as the rindex area's bytes (header sector first): search,
/// read and write of entries, and the queries the daemon's rindex commands answer. No I/O.
/// </summary>
/// <remarks>sanlock-disk-format.md §8, sanlock-wire-protocol.md §4.32. Behaviour observed on sanlock 3.8.5: a free
/// entry is one whose res_offset is 0 (an entry with an offset and an empty name is in use); names may repeat, the
/// first match wins.</remarks>
public sealed class RindexTable
{
    private readonly byte[] _area;

    /// <summary>Wraps <paramref name="area"/>: the rindex area (align_size bytes, header in sector 0) described by
    /// <paramref name="header"/> and <paramref name="geometry"/>.</summary>
    public RindexTable(byte[] area, LeaseGeometry geometry, RindexHeader header)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        AreaOffset.EnsureLength(area.Length, geometry.AlignSize, "an rindex area", nameof(area));
        _area = area;
        Geometry = geometry;
        Header = header;
        Count = (int)Math.Min(header.MaxResources, (uint)geometry.RindexMaxEntries);
    }

    public LeaseGeometry Geometry { get; }

    public RindexHeader Header { get; }

    /// <summary>How many entries this index has (max_resources, capped by the geometry).</summary>
    public int Count { get; }

    public long RxOffset => checked((long)Header.RxOffset);

    /// <summary>The bytes of the whole area, as modified by <see cref="Set"/>.</summary>
    public ReadOnlySpan<byte> Area => _area;

    public RindexEntry Get(int index) => RindexEntry.Decode(_area.AsSpan(RindexFormat.EntryPosition(Geometry, index), RindexEntry.Size));

    public void Set(int index, RindexEntry entry) => entry.Encode(_area.AsSpan(RindexFormat.EntryPosition(Geometry, index), RindexEntry.Size));

    /// <summary>Index of the first entry named <paramref name="name"/>, or −1. An empty name matches nothing.</summary>
    public int FindByName(LeaseName name)
    {
        if (name.IsEmpty)
        {
            return -1;
        }
        for (int i = 0; i < Count; i++)
        {
            var entry = Get(i);
            if (entry.ResOffset != 0 && entry.Name.Matches(name))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Index of the first entry with res_offset 0, or −1 when the index is full.</summary>
    public int FirstFree()
    {
        for (int i = 0; i < Count; i++)
        {
            if (Get(i).ResOffset == 0)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The entry index for a resource lease offset, or −1 when it is not a slot of this index.</summary>
    public int IndexOf(ulong resourceOffset)
    {
        int index = RindexFormat.EntryIndex(RxOffset, Geometry, checked((long)resourceOffset));
        return index < Count ? index : -1;
    }

    /// <summary>Absolute offset of the resource lease of entry <paramref name="index"/>.</summary>
    public ulong ResourceOffset(int index) => (ulong)RindexFormat.ResourceOffset(RxOffset, Geometry, index);

    /// <summary>The area-relative position and length of the sector holding entry <paramref name="index"/>.</summary>
    public (int Position, int Length) SectorOf(int index)
    {
        int position = RindexFormat.EntryPosition(Geometry, index);
        return (position - (position % Geometry.SectorSize), Geometry.SectorSize);
    }

    /// <summary>The area-relative span of every sector that holds entries (sector 1 up to the last entry).</summary>
    public (int Position, int Length) EntrySectors()
    {
        int bytes = Count * RindexEntry.Size;
        int sectors = (bytes + Geometry.SectorSize - 1) / Geometry.SectorSize;
        return (Geometry.SectorSize, sectors * Geometry.SectorSize);
    }

    /// <summary>
    /// LOOKUP_RINDEX: by name (and, when given, the offset must agree: RINDEX_DIFF), by offset alone (the entry's
    /// name, the asked offset), or neither (the first free slot's offset).
    /// </summary>
    public (SanlockError Result, RindexEntry Entry) Lookup(LeaseName name, ulong offset)
    {
        if (!name.IsEmpty)
        {
            int found = FindByName(name);
            if (found < 0)
            {
                return (SanlockError.ENOENT, default);
            }
            var entry = Get(found);
            if (offset != 0 && entry.ResOffset != offset)
            {
                return (SanlockError.RindexDiff, default);
            }
            return (SanlockError.Ok, new RindexEntry { Name = entry.Name, ResOffset = entry.ResOffset });
        }
        if (offset != 0)
        {
            int index = IndexOf(offset);
            return index < 0
                ? (SanlockError.RindexOffset, default)
                : (SanlockError.Ok, new RindexEntry { Name = Get(index).Name, ResOffset = offset });
        }
        int free = FirstFree();
        return free < 0 ? (SanlockError.ENOSPC, default) : (SanlockError.Ok, new RindexEntry { ResOffset = ResourceOffset(free) });
    }

    /// <summary>
    /// UPDATE_RINDEX: <paramref name="add"/> writes {offset, name} into the offset's slot (both required); remove
    /// clears the offset's slot whatever its name (offset required). Returns the entry as written and its index.
    /// </summary>
    public (SanlockError Result, RindexEntry Entry, int Index) Update(LeaseName name, ulong offset, bool add)
    {
        if (offset == 0 || (add && name.IsEmpty))
        {
            return (SanlockError.EINVAL, default, -1);
        }
        int index = IndexOf(offset);
        if (index < 0)
        {
            return (SanlockError.RindexOffset, default, -1);
        }
        var entry = add ? new RindexEntry { ResOffset = offset, Name = name } : default;
        Set(index, entry);
        return (SanlockError.Ok, entry, index);
    }

    /// <summary>REBUILD_RINDEX, one slot: the entry for the lease found there (a paxos leader), else free.</summary>
    public void SetFromLeader(int index, Leader? leader) =>
        Set(index, leader is { Magic: Leader.PaxosMagic } found
            ? new RindexEntry { ResOffset = ResourceOffset(index), Name = found.ResourceName }
            : default);
}
