namespace Sanlock.OnDisk;

/// <summary>
/// Where things are in a lockspace area: one align-size area from the lockspace offset; host_id N's delta
/// lease is sector N−1; sectors from max_hosts to the end of the area are zero.
/// </summary>
/// <remarks>sanlock-disk-format.md §4.</remarks>
public static class LockspaceLayout
{
    /// <summary>Bytes joiners read at the lockspace offset to learn its geometry (sector 0's leader).</summary>
    public const int ProbeLength = 4096;

    /// <summary>Sector index of host_id's slot inside the area.</summary>
    public static int SlotSector(LeaseGeometry geometry, int hostId)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        AreaOffset.EnsureHostId(hostId, geometry.MaxHosts, nameof(hostId));
        return hostId - 1;
    }

    /// <summary>Absolute byte offset of host_id's delta lease.</summary>
    public static long SlotOffset(long lockspaceOffset, LeaseGeometry geometry, int hostId)
    {
        AreaOffset.EnsureSectorAligned(lockspaceOffset, geometry, nameof(lockspaceOffset));
        return lockspaceOffset + ((long)SlotSector(geometry, hostId) * geometry.SectorSize);
    }

    /// <summary>Bytes of the area (= align size).</summary>
    public static int AreaSize(LeaseGeometry geometry) => geometry.AlignSize;

    /// <summary>host_id's sector inside a buffer holding the whole area.</summary>
    public static Span<byte> Slot(Span<byte> area, LeaseGeometry geometry, int hostId) =>
        area.Slice(SlotSector(geometry, hostId) * geometry.SectorSize, geometry.SectorSize);

    /// <inheritdoc cref="Slot(Span{byte}, LeaseGeometry, int)"/>
    public static ReadOnlySpan<byte> Slot(ReadOnlySpan<byte> area, LeaseGeometry geometry, int hostId) =>
        area.Slice(SlotSector(geometry, hostId) * geometry.SectorSize, geometry.SectorSize);
}
