using Sanlock.OnDisk;
using Sanlock.UnitTests.OnDisk.Vectors;

namespace Sanlock.UnitTests.OnDisk;

public class LeaderSectorTests
{
    [Fact]
    public void WriteDelta_ReproducesCapturedRenewalWithRequestBit()
    {
        // lockspace_two_hosts_request_bit: host 2's renewal carries the bit for host 1.
        var dump = HexDump.Load(DiskVectors.PathOf("lockspace_two_hosts_request_bit.hex"));
        byte[] captured = dump.Read(512, 512);
        var leader = Leader.Decode(captured) with { Checksum = 0 };
        var bitmap = new byte[HostBitmap.Size];
        bitmap[0] = 0x01;

        var sector = Enumerable.Repeat((byte)0xCC, 512).ToArray();
        var written = LeaderSector.WriteDelta(sector, leader, bitmap);

        Assert.Equal(captured, sector);
        Assert.Equal(Leader.Decode(captured).Checksum, written.Checksum);
    }

    [Fact]
    public void Write_ZeroesTheRestOfA4kSector()
    {
        var sector = Enumerable.Repeat((byte)0xCC, 4096).ToArray();
        var leader = LeaderSector.Write(sector, ResourceFormat.FreshLeader(LeaseGeometry.Create(4096, 1 << 20), "LS", "R", 0));
        Assert.True(sector.AsSpan(Leader.Size).IndexOfAnyExcept((byte)0) < 0);
        Assert.Equal(leader, Leader.Decode(sector));
    }

    [Fact]
    public void BadSizes_Throw()
    {
        Assert.Throws<ArgumentException>(() => LeaderSector.Write(new byte[200], default));
        Assert.Throws<ArgumentException>(() => LeaderSector.WriteDelta(new byte[512], default, new byte[10]));
    }
}
