using Sanlock.OnDisk;

namespace Sanlock.UnitTests.OnDisk;

public class LayoutTests
{
    private static readonly LeaseGeometry _fourK = LeaseGeometry.Create(4096, LeaseGeometry.OneMiB);

    [Fact]
    public void LockspaceSlot_Host5Of4kIsAt0x4000_Host2Of512At0x200()
    {
        Assert.Equal(0x4000, LockspaceLayout.SlotOffset(0, _fourK, 5));
        Assert.Equal(0x200, LockspaceLayout.SlotOffset(0, LeaseGeometry.Default, 2));
        Assert.Equal(1048576 + 0x200, LockspaceLayout.SlotOffset(1048576, LeaseGeometry.Default, 2));
        Assert.Equal(1999, LockspaceLayout.SlotSector(LeaseGeometry.Default, 2000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(251)]
    public void LockspaceSlot_HostIdOutOfRange_ThrowsNamingIt(int hostId)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LockspaceLayout.SlotOffset(0, _fourK, hostId));
        Assert.Contains($"host_id {hostId}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1..250", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(-4096)]
    [InlineData(512)] // aligned for 512, not for 4096
    public void Offsets_NotSectorAligned_ThrowNamingTheOffset(long offset)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LockspaceLayout.SlotOffset(offset, _fourK, 1));
        Assert.Contains($"offset {offset}", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ResourceLayout.LeaderOffset(offset, _fourK));
    }

    [Fact]
    public void ResourceSectors_LeaderRequestDblockLvb()
    {
        Assert.Equal(0, ResourceLayout.LeaderOffset(0, _fourK));
        Assert.Equal(4096, ResourceLayout.RequestOffset(0, _fourK));
        Assert.Equal(0x6000, ResourceLayout.DblockOffset(0, _fourK, 5));
        Assert.Equal(0x400, ResourceLayout.DblockOffset(0, LeaseGeometry.Default, 1));
        Assert.Equal(2 * 1048576 + (2002 * 512), ResourceLayout.LvbOffset(2 * 1048576, LeaseGeometry.Default));
        Assert.Equal(2002 * 4096, ResourceLayout.LvbOffset(0, _fourK)); // outside the 1 MiB area: quirk §5
        Assert.Equal(2001, ResourceLayout.DblockSectorIndex(LeaseGeometry.Default, 2000));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResourceLayout.DblockSectorIndex(LeaseGeometry.Default, 2001));
    }

    [Fact]
    public void DblockSector_SlicesTheBallotRead()
    {
        var read = new byte[LeaseGeometry.Default.BallotReadBytes(2000)];
        ResourceLayout.DblockSector(read.AsSpan(), LeaseGeometry.Default, 3)[0] = 9;
        Assert.Equal(9, read[4 * 512]);
    }

    [Fact]
    public void Rindex_EntryAndResourceOffsets()
    {
        var g = LeaseGeometry.Default;
        Assert.Equal(1049088, RindexFormat.EntryOffset(1048576, g, 0));
        Assert.Equal(1049152, RindexFormat.EntryOffset(1048576, g, 1));
        Assert.Equal(1048576 + 512 + (8 * 64), RindexFormat.EntryOffset(1048576, g, 8)); // second entry sector
        Assert.Equal(2097152, RindexFormat.RindexLeaseOffset(1048576, g));
        Assert.Equal(3145728, RindexFormat.ResourceOffset(1048576, g, 0));
        Assert.Equal(8, RindexFormat.EntriesPerSector(g));
        Assert.Equal(64, RindexFormat.EntriesPerSector(_fourK));
        Assert.Equal(-1, RindexFormat.EntryIndex(1048576, g, 2097152));
        Assert.Equal(-1, RindexFormat.EntryIndex(1048576, g, 3145728 + 512));
        Assert.Equal(15999, RindexFormat.EntryIndex(0, g, (2L + 15999) * 1048576));
        Assert.Equal(-1, RindexFormat.EntryIndex(0, g, (2L + 16000) * 1048576));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RindexFormat.EntryOffset(0, g, 16000));
        Assert.Contains("rindex entry 16000", ex.Message, StringComparison.Ordinal);
    }
}
