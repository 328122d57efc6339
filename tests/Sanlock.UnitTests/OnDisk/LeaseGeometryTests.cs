using Sanlock.OnDisk;

namespace Sanlock.UnitTests.OnDisk;

public class LeaseGeometryTests
{
    // sanlock-disk-format.md §1.1 and §8: sector, align MiB, max hosts, ballot span, leader flag, rindex flag, rindex entries.
    [Theory]
    [InlineData(512, 1, 2000, 2048, 0x10u, 0x1u, 16000)]
    [InlineData(4096, 1, 250, 256, 0x10u, 0x1u, 16000)]
    [InlineData(4096, 2, 500, 512, 0x20u, 0x2u, 32000)]
    [InlineData(4096, 4, 1000, 1024, 0x40u, 0x4u, 64000)]
    [InlineData(4096, 8, 2000, 2048, 0x80u, 0x8u, 128000)]
    public void ValidPair_HasTheSpecTableValues(int sector, int alignMiB, int maxHosts, int ballotSectors, uint leaderFlag, uint rindexFlag, int rindexEntries)
    {
        Assert.True(LeaseGeometry.TryCreate(sector, alignMiB * LeaseGeometry.OneMiB, out var geometry));
        Assert.Equal(sector, geometry.SectorSize);
        Assert.Equal(alignMiB << 20, geometry.AlignSize);
        Assert.Equal(maxHosts, geometry.MaxHosts);
        Assert.Equal(ballotSectors, LeaseGeometry.BallotReadSectors(maxHosts));
        Assert.Equal(ballotSectors * sector, geometry.BallotReadBytes(maxHosts));
        Assert.Equal(leaderFlag, geometry.LeaderAlignFlag);
        Assert.Equal(rindexFlag, geometry.RindexAlignFlag);
        Assert.Equal(rindexEntries, geometry.RindexMaxEntries);
        Assert.Equal(geometry, LeaseGeometry.FromLeader(leaderFlag, (uint)sector));
        Assert.True(LeaseGeometry.TryFromRindex(rindexFlag, (uint)sector, out var fromRindex) && fromRindex == geometry);
        // The ballot span fits in the area: max_hosts + 2 sectors never exceed it.
        Assert.True(ballotSectors <= geometry.SectorsPerArea);
    }

    [Theory]
    [InlineData(512, 2)]
    [InlineData(512, 4)]
    [InlineData(512, 8)]
    [InlineData(1024, 1)]
    [InlineData(4096, 3)]
    [InlineData(4096, 16)]
    [InlineData(0, 0)]
    public void InvalidPair_IsRejected_WithBothValuesInTheMessage(int sector, int alignMiB)
    {
        int align = alignMiB * LeaseGeometry.OneMiB;
        Assert.False(LeaseGeometry.TryCreate(sector, align, out _));
        var ex = Assert.Throws<ArgumentException>(() => LeaseGeometry.Create(sector, align));
        Assert.Contains($"sector size {sector}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"align size {align}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_Is512With1MiB()
    {
        Assert.Equal((512, 1 << 20, 2000), (LeaseGeometry.Default.SectorSize, LeaseGeometry.Default.AlignSize, LeaseGeometry.Default.MaxHosts));
        Assert.Equal(5, LeaseGeometry.All.Count);
    }

    [Theory]
    [InlineData(512u, 1)]
    [InlineData(4096u, 8)]
    public void FromLeader_WithoutAlignFlag_UsesLegacyRule(uint sectorSize, int alignMiB)
    {
        var geometry = LeaseGeometry.FromLeader(0, sectorSize);
        Assert.Equal(alignMiB << 20, geometry.AlignSize);
        Assert.Equal(2000, geometry.MaxHosts);
        // Other flag bits (SHORT_HOLD) do not count as an align flag.
        Assert.Equal(geometry, LeaseGeometry.FromLeader(Leader.FlagShortHold, sectorSize));
    }

    [Theory]
    [InlineData(0x10u, 1024u)] // bad sector size
    [InlineData(0x20u, 512u)]  // 512/2M is not a valid pair
    [InlineData(0x30u, 4096u)] // two align flags
    [InlineData(0x10u, 0u)]
    public void FromLeader_Invalid_ThrowsLeaderSectorSize(uint flags, uint sectorSize)
    {
        Assert.False(LeaseGeometry.TryFromLeader(flags, sectorSize, out _));
        var ex = Assert.Throws<SanlockException>(() => LeaseGeometry.FromLeader(flags, sectorSize));
        Assert.Equal(SanlockError.LeaderSectorSize, ex.Error);
        Assert.Contains($"sector_size {sectorSize}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 4)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(6, 8)]
    [InlineData(7, 16)]
    [InlineData(250, 256)]
    [InlineData(254, 256)]
    [InlineData(255, 512)]
    [InlineData(2000, 2048)]
    public void BallotReadSectors_IsNextPowerOfTwoOfNumHostsPlusTwo(int numHosts, int sectors)
    {
        Assert.Equal(sectors, LeaseGeometry.BallotReadSectors(numHosts));
    }

    [Fact]
    public void DefaultValue_IsInvalid_AndHarmless()
    {
        LeaseGeometry none = default;
        Assert.False(none.IsValid);
        Assert.Equal((0, 0, 0u), (none.MaxHosts, none.SectorsPerArea, none.LeaderAlignFlag));
        Assert.All(LeaseGeometry.All, g => Assert.True(g.IsValid));
    }

    [Fact]
    public void ToString_ShowsSectorAndAlign()
    {
        Assert.Equal("4096/8M", LeaseGeometry.Create(4096, 8 << 20).ToString());
    }
}
