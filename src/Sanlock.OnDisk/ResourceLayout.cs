namespace Sanlock.OnDisk;

/// <summary>
/// Where things are in a resource (paxos) lease area: leader in sector 0, request record in sector 1, the
/// dblock + mode block of host h in sector h+1, the LVB in sector 2002 (fixed for every geometry, so outside
/// the area for 4096 with 1, 2 or 4 MiB alignment).
/// </summary>
/// <remarks>sanlock-disk-format.md §5.</remarks>
public static class ResourceLayout
{
    public const int LeaderSector = 0;
    public const int RequestSector = 1;
    public const int LvbSector = 2002;

    /// <summary>Sector index of host_id's dblock (host_id + 1).</summary>
    public static int DblockSectorIndex(LeaseGeometry geometry, int hostId)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        AreaOffset.EnsureHostId(hostId, geometry.MaxHosts, nameof(hostId));
        return hostId + 1;
    }

    public static long LeaderOffset(long resourceOffset, LeaseGeometry geometry) => SectorOffset(resourceOffset, geometry, LeaderSector);

    public static long RequestOffset(long resourceOffset, LeaseGeometry geometry) => SectorOffset(resourceOffset, geometry, RequestSector);

    public static long DblockOffset(long resourceOffset, LeaseGeometry geometry, int hostId) =>
        SectorOffset(resourceOffset, geometry, DblockSectorIndex(geometry, hostId));

    public static long LvbOffset(long resourceOffset, LeaseGeometry geometry) => SectorOffset(resourceOffset, geometry, LvbSector);

    /// <summary>Bytes of the area (= align size).</summary>
    public static int AreaSize(LeaseGeometry geometry) => geometry.AlignSize;

    /// <summary>host_id's dblock sector inside a buffer that starts at the leader (e.g. a ballot read).</summary>
    public static Span<byte> DblockSector(Span<byte> leaseStart, LeaseGeometry geometry, int hostId) =>
        leaseStart.Slice(DblockSectorIndex(geometry, hostId) * geometry.SectorSize, geometry.SectorSize);

    /// <inheritdoc cref="DblockSector(Span{byte}, LeaseGeometry, int)"/>
    public static ReadOnlySpan<byte> DblockSector(ReadOnlySpan<byte> leaseStart, LeaseGeometry geometry, int hostId) =>
        leaseStart.Slice(DblockSectorIndex(geometry, hostId) * geometry.SectorSize, geometry.SectorSize);

    private static long SectorOffset(long resourceOffset, LeaseGeometry geometry, int sector)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        AreaOffset.EnsureSectorAligned(resourceOffset, geometry, nameof(resourceOffset));
        return resourceOffset + ((long)sector * geometry.SectorSize);
    }
}
