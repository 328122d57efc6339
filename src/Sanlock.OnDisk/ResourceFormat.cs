namespace Sanlock.OnDisk;

/// <summary>
/// The image <c>direct init -r</c> writes in one I/O: leader in sector 0, an empty request record in sector 1,
/// zero everywhere else (old dblocks are overwritten).
/// </summary>
/// <remarks>sanlock-disk-format.md §2.1, §5.</remarks>
public static class ResourceFormat
{
    /// <summary>
    /// A fresh paxos leader. <paramref name="numHosts"/> 0 means max_hosts; larger values are capped at max_hosts
    /// (as sanlock 3.8.5 does). <paramref name="clear"/> (<c>-z 1</c>) writes the CLEAR magic and
    /// <paramref name="now"/> (monotonic seconds) as write_timestamp.
    /// </summary>
    public static Leader FreshLeader(LeaseGeometry geometry, LeaseName spaceName, LeaseName resourceName, int numHosts, bool clear = false, ulong now = 0)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        ArgumentOutOfRangeException.ThrowIfNegative(numHosts);
        var leader = new Leader
        {
            Magic = clear ? Leader.ClearMagic : Leader.PaxosMagic,
            Version = Leader.PaxosVersion,
            Flags = geometry.LeaderAlignFlag,
            SectorSize = (uint)geometry.SectorSize,
            NumHosts = (ulong)(numHosts == 0 ? geometry.MaxHosts : Math.Min(numHosts, geometry.MaxHosts)),
            MaxHosts = (ulong)geometry.MaxHosts,
            SpaceName = spaceName,
            ResourceName = resourceName,
            WriteTimestamp = clear ? now : 0,
        };
        leader.Checksum = leader.ComputeChecksum();
        return leader;
    }

    /// <summary>Fills <paramref name="area"/> (exactly align_size bytes) with the fresh lease image; returns its leader.</summary>
    public static Leader Build(
        Span<byte> area, LeaseGeometry geometry, LeaseName spaceName, LeaseName resourceName, int numHosts, bool clear = false, ulong now = 0)
    {
        AreaOffset.EnsureGeometry(geometry, nameof(geometry));
        AreaOffset.EnsureLength(area.Length, geometry.AlignSize, "a resource area", nameof(area));
        var leader = FreshLeader(geometry, spaceName, resourceName, numHosts, clear, now);
        area.Clear();
        leader.EncodeWithStoredChecksum(area);
        RequestRecord.Empty.Encode(area[(ResourceLayout.RequestSector * geometry.SectorSize)..]);
        return leader;
    }
}
