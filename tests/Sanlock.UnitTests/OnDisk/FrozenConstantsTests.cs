using Sanlock.OnDisk;

namespace Sanlock.UnitTests.OnDisk;

/// <summary>
/// Numbers persisted on disk by sanlock 3.8.5 (sanlock-disk-format.md §2–§8). Frozen: append, never edit —
/// a change here breaks compatibility with every lease already written.
/// </summary>
public class FrozenConstantsTests
{
    [Fact]
    public void Magics()
    {
        Assert.Equal(0x12212010u, Leader.DeltaMagic);
        Assert.Equal(0x06152010u, Leader.PaxosMagic);
        Assert.Equal(0x11282016u, Leader.ClearMagic);
        Assert.Equal(0x08292011u, RequestRecord.RequestMagic);
        Assert.Equal(0x01042018u, RindexHeader.RindexMagic);
    }

    [Fact]
    public void Versions()
    {
        Assert.Equal(0x00030004u, Leader.DeltaVersion);
        Assert.Equal(0x00060004u, Leader.PaxosVersion);
        Assert.Equal(3u, Leader.DeltaMajorVersion);
        Assert.Equal(6u, Leader.PaxosMajorVersion);
        Assert.Equal(0x00010001u, RequestRecord.RequestVersion);
        Assert.Equal(1u, RequestRecord.MajorVersion);
        Assert.Equal(0x00010002u, RindexHeader.RindexVersion);
        Assert.Equal(1u, RindexHeader.MajorVersion);
    }

    [Fact]
    public void Flags()
    {
        Assert.Equal(0x1u, Leader.FlagShortHold);
        Assert.Equal(0x1u, PaxosDblock.FlagReleased);
        Assert.Equal(0x1u, ModeBlock.FlagShared);
        Assert.Equal((0u, 1u, 2u), (RequestRecord.ForceNone, RequestRecord.ForceKill, RequestRecord.ForceGraceful));
        Assert.Equal(0xF0u, LeaseGeometry.LeaderAlignMask);
        Assert.Equal(0x0Fu, LeaseGeometry.RindexAlignMask);
        Assert.Equal(0xFFFFFFFEu, SanlockChecksum.Preset);
        Assert.Equal(0x82F63B78u, SanlockChecksum.ReflectedPolynomial);
    }

    [Fact]
    public void LeaderOffsets()
    {
        Assert.Equal(200, Leader.Size);
        Assert.Equal(168, Leader.ChecksumLength);
        int[] offsets =
        [
            Leader.MagicOffset, Leader.VersionOffset, Leader.FlagsOffset, Leader.SectorSizeOffset, Leader.NumHostsOffset,
            Leader.MaxHostsOffset, Leader.OwnerIdOffset, Leader.OwnerGenerationOffset, Leader.LverOffset, Leader.SpaceNameOffset,
            Leader.ResourceNameOffset, Leader.TimestampOffset, Leader.Unused1Offset, Leader.ChecksumOffset, Leader.Unused2Offset,
            Leader.IoTimeoutOffset, Leader.WriteIdOffset, Leader.WriteGenerationOffset, Leader.WriteTimestampOffset,
        ];
        Assert.Equal([0, 4, 8, 12, 16, 24, 32, 40, 48, 56, 104, 152, 160, 168, 172, 174, 176, 184, 192], offsets);
        Assert.Equal(48, LeaseName.Size);
        Assert.Equal((256, 256, 2048), (HostBitmap.Offset, HostBitmap.Size, HostBitmap.MaxHostId));
    }

    [Fact]
    public void DblockModeBlockRequestOffsets()
    {
        Assert.Equal((56, 48), (PaxosDblock.Size, PaxosDblock.ChecksumLength));
        Assert.Equal(
            [0, 8, 16, 24, 32, 40, 48, 52],
            new[]
            {
                PaxosDblock.MbalOffset, PaxosDblock.BalOffset, PaxosDblock.InpOffset, PaxosDblock.Inp2Offset,
                PaxosDblock.Inp3Offset, PaxosDblock.LverOffset, PaxosDblock.ChecksumOffset, PaxosDblock.FlagsOffset,
            });
        Assert.Equal((128, 16, 0, 4, 8), (ModeBlock.Offset, ModeBlock.Size, ModeBlock.FlagsOffset, ModeBlock.PaddingOffset, ModeBlock.GenerationOffset));
        Assert.Equal(
            (24, 0, 4, 8, 16, 20),
            (RequestRecord.Size, RequestRecord.MagicOffset, RequestRecord.VersionOffset, RequestRecord.LverOffset, RequestRecord.ForceModeOffset, RequestRecord.PaddingOffset));
    }

    [Fact]
    public void RindexOffsets()
    {
        Assert.Equal(80, RindexHeader.Size);
        Assert.Equal(
            [0, 4, 8, 12, 16, 20, 24, 32],
            new[]
            {
                RindexHeader.MagicOffset, RindexHeader.VersionOffset, RindexHeader.FlagsOffset, RindexHeader.SectorSizeOffset,
                RindexHeader.MaxResourcesOffset, RindexHeader.UnusedOffset, RindexHeader.RxOffsetOffset, RindexHeader.LockspaceNameOffset,
            });
        Assert.Equal((64, 0, 8, 12, 16), (RindexEntry.Size, RindexEntry.ResOffsetOffset, RindexEntry.FlagsOffset, RindexEntry.UnusedOffset, RindexEntry.NameOffset));
        Assert.Equal(4096u, RindexHeader.DefaultMaxResources);
        Assert.Equal("rindex_lease", RindexFormat.RindexLeaseName);
    }

    [Fact]
    public void ResourceSectors()
    {
        Assert.Equal((0, 1, 2002), (ResourceLayout.LeaderSector, ResourceLayout.RequestSector, ResourceLayout.LvbSector));
        Assert.Equal(4096, LockspaceLayout.ProbeLength);
        Assert.Equal((ushort)10, LockspaceFormat.DefaultIoTimeout);
    }

    [Fact]
    public void ValidationResultCodes()
    {
        Assert.Equal(
            [-223, -224, -225, -226, -227, -228, -229, -214, -270, -271, -274, -275, -276, -277, -278],
            new[]
            {
                SanlockError.LeaderMagic, SanlockError.LeaderVersion, SanlockError.LeaderSectorSize, SanlockError.LeaderLockspace,
                SanlockError.LeaderResource, SanlockError.LeaderNumHosts, SanlockError.LeaderChecksum, SanlockError.DblockChecksum,
                SanlockError.RequestMagic, SanlockError.RequestVersion, SanlockError.RindexMagic, SanlockError.RindexVersion,
                SanlockError.RindexLockspace, SanlockError.RindexOffset, SanlockError.RindexDiff,
            }.Select(e => (int)e));
    }
}
