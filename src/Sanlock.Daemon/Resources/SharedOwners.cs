using Sanlock.OnDisk;
using Sanlock.Protocol.Structs;

namespace Sanlock.Daemon.Resources;

/// <summary>The shared (SH) holders of a resource as READ_RESOURCE_OWNERS lists them: one host per dblock sector whose
/// mode block is SHARED, with that mode block's generation and timestamp 0 (wire spec §4.20; disk format §5.2: an SH
/// holder is visible on disk only through its mode block).</summary>
public static class SharedOwners
{
    /// <summary>Reads the dblock sectors of hosts 1..num_hosts of the lease at <paramref name="offset"/> in one I/O.</summary>
    public static async Task<List<SanlkHost>> ReadAsync(ILeaseDisk disk, long offset, Leader leader, LeaseGeometry geometry)
    {
        int hosts = leader.NumHosts == 0 ? geometry.MaxHosts : (int)Math.Min(leader.NumHosts, (ulong)geometry.MaxHosts);
        var owners = new List<SanlkHost>();
        if (hosts <= 0)
        {
            return owners;
        }
        int length = ResourceLayout.DblockSectorIndex(geometry, hosts) * geometry.SectorSize + geometry.SectorSize;
        using var buffer = disk.AllocateBuffer(length);
        await disk.ReadAsync(offset, buffer, length).ConfigureAwait(false);
        for (int hostId = 1; hostId <= hosts; hostId++)
        {
            ReadOnlySpan<byte> sector = ResourceLayout.DblockSector(buffer.Span[..length], geometry, hostId);
            var (_, mode) = DblockSector.Decode(sector);
            if (mode.IsShared)
            {
                owners.Add(new SanlkHost((ulong)hostId, mode.Generation, 0, 0, 0));
            }
        }
        return owners;
    }
}
