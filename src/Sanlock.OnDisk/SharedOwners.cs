namespace Sanlock.OnDisk;

/// <summary>The hosts holding a paxos lease shared: those whose mode block (in their dblock sector) has the SHARED flag.</summary>
/// <remarks>sanlock-disk-format.md §5.2; sanlock-wire-protocol.md §4.20.</remarks>
public static class SharedOwners
{
    /// <summary>(host_id, generation) in host_id order for hosts 1..<paramref name="numHosts"/>, from a buffer that
    /// starts at the leader and covers their dblock sectors.</summary>
    public static List<(int HostId, ulong Generation)> Read(ReadOnlySpan<byte> leaseStart, LeaseGeometry geometry, int numHosts)
    {
        var owners = new List<(int, ulong)>();
        int hosts = Math.Min(numHosts, geometry.MaxHosts);
        for (int hostId = 1; hostId <= hosts; hostId++)
        {
            var mode = ModeBlock.Decode(ResourceLayout.DblockSector(leaseStart, geometry, hostId)[ModeBlock.Offset..]);
            if (mode.IsShared)
            {
                owners.Add((hostId, mode.Generation));
            }
        }
        return owners;
    }

    /// <summary>Bytes to read from the leader to cover the dblocks of hosts 1..<paramref name="numHosts"/>.</summary>
    public static int SpanLength(LeaseGeometry geometry, int numHosts) =>
        (ResourceLayout.DblockSectorIndex(geometry, Math.Clamp(numHosts, 1, geometry.MaxHosts)) + 1) * geometry.SectorSize;
}
