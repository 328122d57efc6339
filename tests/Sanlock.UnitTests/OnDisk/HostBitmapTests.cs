using Sanlock.OnDisk;

namespace Sanlock.UnitTests.OnDisk;

public class HostBitmapTests
{
    [Fact]
    public void Host1_IsBit0OfByte256_Host3IsBit2_Host2048IsBit7OfByte511()
    {
        var sector = new byte[4096];
        HostBitmap.Set(sector, 1);
        Assert.Equal(0x01, sector[256]);
        HostBitmap.Set(sector, 3);
        Assert.Equal(0x05, sector[256]);
        HostBitmap.Set(sector, 2048);
        Assert.Equal(0x80, sector[511]);
        HostBitmap.Set(sector, 9);
        Assert.Equal(0x01, sector[257]);
        Assert.Equal([1, 3, 9, 2048], HostBitmap.SetHosts(sector));
        Assert.True(sector.AsSpan(512).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(sector.AsSpan(0, 256).IndexOfAnyExcept((byte)0) < 0);

        HostBitmap.Clear(sector, 3);
        Assert.False(HostBitmap.IsSet(sector, 3));
        Assert.True(HostBitmap.IsSet(sector, 1));
        HostBitmap.ClearAll(sector);
        Assert.Empty(HostBitmap.SetHosts(sector));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2049)]
    public void HostIdOutsideBitmap_Throws(int hostId)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => HostBitmap.Set(new byte[512], hostId));
        Assert.Contains($"host_id {hostId}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SectorTooShort_Throws() => Assert.Throws<ArgumentException>(() => HostBitmap.IsSet(new byte[300], 1));

    [Fact]
    public void BitmapIsOutsideTheLeaderChecksum()
    {
        var sector = new byte[512];
        var leader = LockspaceFormat.FreeLeader(LeaseGeometry.Default, "LS", 10);
        leader.Encode(sector);
        HostBitmap.Set(sector, 7);
        Assert.True(Leader.Decode(sector).IsChecksumValid);
    }
}
