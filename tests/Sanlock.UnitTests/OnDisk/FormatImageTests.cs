using Sanlock.OnDisk;
using Sanlock.UnitTests.OnDisk.Vectors;

namespace Sanlock.UnitTests.OnDisk;

/// <summary>The init images equal what sanlock 3.8.5 <c>direct init</c> wrote (captured vectors).</summary>
public class FormatImageTests
{
    [Fact]
    public void LockspaceFormat_Committed_EqualsCapturedFreshLockspace()
    {
        var dump = HexDump.Load(DiskVectors.PathOf("lockspace_fresh_512.hex"));
        var area = new byte[LeaseGeometry.Default.AlignSize];
        LockspaceFormat.BuildCommitted(area, LeaseGeometry.Default, "LS", 10);
        Assert.Equal(dump.Read(0, 3 * 512), area[..(3 * 512)]);
    }

    [Fact]
    public void LockspaceFormat_Build_LeavesSectorZeroUncommitted_ThenCommitSectorMakesEverySlotIdentical()
    {
        foreach (var geometry in LeaseGeometry.All)
        {
            var area = new byte[geometry.AlignSize];
            LockspaceFormat.Build(area, geometry, "space", 7);

            var sector0 = Leader.Decode(area);
            Assert.Equal(0u, sector0.Magic);
            Assert.True(sector0.IsChecksumValid);
            Assert.Equal(SanlockError.LeaderMagic, LeaderValidation.CheckDelta(sector0, "space"));

            var commit = new byte[geometry.SectorSize];
            LockspaceFormat.BuildCommitSector(commit, geometry, "space", 7);
            commit.CopyTo(area, 0);

            byte[] first = LockspaceLayout.Slot(area, geometry, 1).ToArray();
            var leader = Leader.Decode(first);
            Assert.Equal(SanlockError.Ok, LeaderValidation.CheckDelta(leader, "space"));
            Assert.Equal(geometry.LeaderAlignFlag, leader.Flags);
            Assert.Equal((uint)geometry.SectorSize, leader.SectorSize);
            Assert.Equal((0ul, 1ul, (ushort)7), (leader.NumHosts, leader.MaxHosts, leader.IoTimeout));
            Assert.True(leader.TryGetGeometry(out var read) && read == geometry);
            for (int host = 2; host <= geometry.MaxHosts; host++)
            {
                Assert.True(first.AsSpan().SequenceEqual(LockspaceLayout.Slot(area, geometry, host)), $"{geometry} host {host}");
            }

            Assert.True(area.AsSpan(geometry.MaxHosts * geometry.SectorSize).IndexOfAnyExcept((byte)0) < 0, $"{geometry}: tail not zero");
        }
    }

    [Fact]
    public void LockspaceFormat_IoTimeoutZero_WritesDefaultTen()
    {
        Assert.Equal(10, LockspaceFormat.FreeLeader(LeaseGeometry.Default, "LS", 0).IoTimeout);
    }

    [Fact]
    public void ResourceFormat_EqualsCapturedFreshResource()
    {
        var dump = HexDump.Load(DiskVectors.PathOf("resource_fresh_512.hex"));
        var area = new byte[LeaseGeometry.Default.AlignSize];
        ResourceFormat.Build(area, LeaseGeometry.Default, "LS", "R1", numHosts: 0);
        Assert.Equal(dump.Read(0, 3 * 512), area[..(3 * 512)]);
        Assert.True(area.AsSpan(2 * 512).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void ResourceFormat_Clear_EqualsCapturedClearMagicResource()
    {
        var dump = HexDump.Load(DiskVectors.PathOf("resource_clear_magic.hex"));
        ulong now = Leader.Decode(dump.Read(0, 512)).WriteTimestamp;
        var area = new byte[LeaseGeometry.Default.AlignSize];
        var leader = ResourceFormat.Build(area, LeaseGeometry.Default, "LS", "RC", numHosts: 0, clear: true, now: now);
        Assert.Equal(dump.Read(0, 2 * 512), area[..(2 * 512)]);
        Assert.Equal(SanlockError.LeaderMagic, LeaderValidation.CheckPaxos(leader, "LS", "RC", 1));
    }

    [Theory]
    [InlineData(0, 2000)]
    [InlineData(5, 5)]
    [InlineData(2000, 2000)]
    [InlineData(3000, 2000)] // sanlock 3.8.5 `direct init -r … -n 3000` stores 2000
    public void ResourceFormat_NumHosts_DefaultsAndCapsAtMaxHosts(int requested, int stored)
    {
        var leader = ResourceFormat.FreshLeader(LeaseGeometry.Default, "LS", "R", requested);
        Assert.Equal((ulong)stored, leader.NumHosts);
        Assert.Equal(2000ul, leader.MaxHosts);
    }

    [Fact]
    public void ResourceFormat_4k_PutsLeaderAndRequestInFirstTwoSectors()
    {
        var geometry = LeaseGeometry.Create(4096, LeaseGeometry.OneMiB);
        var area = new byte[geometry.AlignSize];
        ResourceFormat.Build(area, geometry, "LS4K", "R4K", 0);
        var leader = Leader.Decode(area);
        Assert.Equal(SanlockError.Ok, LeaderValidation.CheckPaxos(leader, "LS4K", "R4K", 250));
        Assert.Equal((250ul, 250ul, 0x10u, 4096u), (leader.NumHosts, leader.MaxHosts, leader.Flags, leader.SectorSize));
        Assert.Equal(RequestRecord.Empty, RequestRecord.Decode(area.AsSpan(4096)));
        Assert.True(area.AsSpan(Leader.Size, 4096 - Leader.Size).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(area.AsSpan(4096 + RequestRecord.Size).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void RindexFormat_CapsMaxResourcesAtGeometryMaximum()
    {
        var geometry = LeaseGeometry.Default;
        Assert.Equal(4096u, RindexFormat.NewHeader(geometry, "LS", 0).MaxResources);
        Assert.Equal(100u, RindexFormat.NewHeader(geometry, "LS", 0, 100).MaxResources);
        Assert.Equal(16000u, RindexFormat.NewHeader(geometry, "LS", 0, 50000).MaxResources);
    }

    [Fact]
    public void Builders_RejectAreaOfWrongSize_NamingTheSizes()
    {
        var ex = Assert.Throws<ArgumentException>(() => LockspaceFormat.Build(new byte[4096], LeaseGeometry.Default, "LS", 10));
        Assert.Contains("1048576", ex.Message, StringComparison.Ordinal);
        Assert.Contains("4096", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ResourceFormat.Build(new byte[512], LeaseGeometry.Default, "LS", "R", 0));
        Assert.Throws<ArgumentException>(() => RindexFormat.Build(new byte[512], LeaseGeometry.Default, "LS", 0));
    }

    [Fact]
    public void Builders_RejectDefaultGeometry()
    {
        var ex = Assert.Throws<ArgumentException>(() => LockspaceFormat.FreeLeader(default, "LS", 10));
        Assert.Contains("0/0", ex.Message, StringComparison.Ordinal);
    }
}
