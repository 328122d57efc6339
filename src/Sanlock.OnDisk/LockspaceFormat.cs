namespace Sanlock.OnDisk;

/// <summary>
/// The image <c>direct init -s</c> writes, in its two steps: first the whole area with every slot a free delta
/// lease but magic 0 in sector 0 (<see cref="Build"/>), then sector 0 with the real magic
/// (<see cref="BuildCommitSector"/>) — that single sector write makes the lockspace valid.
/// </summary>
/// <remarks>sanlock-disk-format.md §2.1, §4.</remarks>
public static class LockspaceFormat
{
    /// <summary>io_timeout written when the caller gives none (or 0).</summary>
    public const ushort DefaultIoTimeout = 10;

    /// <summary>A free delta lease as init writes it in every slot (checksum filled in).</summary>
    public static Leader FreeLeader(LeaseGeometry geometry, LeaseName spaceName, ushort ioTimeout)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        var leader = new Leader
        {
            Magic = Leader.DeltaMagic,
            Version = Leader.DeltaVersion,
            Flags = geometry.LeaderAlignFlag,
            SectorSize = (uint)geometry.SectorSize,
            NumHosts = 0,
            MaxHosts = 1,
            SpaceName = spaceName,
            IoTimeout = ioTimeout == 0 ? DefaultIoTimeout : ioTimeout,
        };
        leader.Checksum = leader.ComputeChecksum();
        return leader;
    }

    /// <summary>
    /// Step 1: fills <paramref name="area"/> (exactly align_size bytes) with zeros and a free delta lease in each
    /// of the max_hosts slots, sector 0's carrying magic 0 so the lockspace is not valid yet.
    /// </summary>
    public static void Build(Span<byte> area, LeaseGeometry geometry, LeaseName spaceName, ushort ioTimeout)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        AreaOffset.EnsureLength(area.Length, geometry.AlignSize, "a lockspace area", nameof(area));
        area.Clear();
        var free = FreeLeader(geometry, spaceName, ioTimeout);
        for (int hostId = 2; hostId <= geometry.MaxHosts; hostId++)
        {
            free.EncodeWithStoredChecksum(LockspaceLayout.Slot(area, geometry, hostId));
        }

        var uncommitted = free with { Magic = 0 };
        uncommitted.Encode(area[..geometry.SectorSize]);
    }

    /// <summary>Step 2: the sector written over sector 0 to commit the lockspace (exactly sector_size bytes).</summary>
    public static void BuildCommitSector(Span<byte> sector, LeaseGeometry geometry, LeaseName spaceName, ushort ioTimeout)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        AreaOffset.EnsureLength(sector.Length, geometry.SectorSize, "a lockspace sector", nameof(sector));
        sector.Clear();
        FreeLeader(geometry, spaceName, ioTimeout).EncodeWithStoredChecksum(sector);
    }

    /// <summary>Both steps applied to one buffer: the area as it is on disk after init.</summary>
    public static void BuildCommitted(Span<byte> area, LeaseGeometry geometry, LeaseName spaceName, ushort ioTimeout)
    {
        Build(area, geometry, spaceName, ioTimeout);
        BuildCommitSector(area[..geometry.SectorSize], geometry, spaceName, ioTimeout);
    }
}
