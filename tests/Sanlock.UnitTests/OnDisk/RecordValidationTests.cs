using Sanlock.OnDisk;

namespace Sanlock.UnitTests.OnDisk;

public class RecordValidationTests
{
    [Fact]
    public void RequestRecord_Validate_MagicBeforeVersion_MajorOnly()
    {
        Assert.Equal(SanlockError.Ok, RequestRecord.Empty.Validate());
        Assert.Equal(SanlockError.Ok, (RequestRecord.Empty with { Version = 0x0001FFFF }).Validate());
        Assert.Equal(SanlockError.RequestVersion, (RequestRecord.Empty with { Version = 0x00020001 }).Validate());
        Assert.Equal(SanlockError.RequestMagic, (RequestRecord.Empty with { Magic = 0, Version = 0 }).Validate());
        Assert.Equal(SanlockError.RequestMagic, default(RequestRecord).Validate());
    }

    [Fact]
    public void RindexHeader_Check_FollowsOrder()
    {
        var geometry = LeaseGeometry.Default;
        var good = RindexFormat.NewHeader(geometry, "LSX", 1048576);
        Assert.Equal(SanlockError.Ok, RindexValidation.CheckHeader(good, "LSX", 1048576));

        var bad = good with { Magic = 1, Version = 0x00020000, LockspaceName = "x", RxOffset = 7, SectorSize = 4096 };
        Assert.Equal(SanlockError.RindexMagic, RindexValidation.CheckHeader(bad, "LSX", 1048576));
        bad = bad with { Magic = RindexHeader.RindexMagic };
        Assert.Equal(SanlockError.RindexVersion, RindexValidation.CheckHeader(bad, "LSX", 1048576));
        bad = bad with { Version = 0x0001FFFF };
        Assert.Equal(SanlockError.RindexLockspace, RindexValidation.CheckHeader(bad, "LSX", 1048576));
        bad = bad with { LockspaceName = "LSX" };
        Assert.Equal(SanlockError.RindexOffset, RindexValidation.CheckHeader(bad, "LSX", 1048576));
        // A header of another geometry is still valid: its own sector size and align flag are authoritative.
        bad = bad with { RxOffset = 1048576 };
        Assert.Equal(SanlockError.Ok, RindexValidation.CheckHeader(bad, "LSX", 1048576));
    }

    [Fact]
    public void Dblock_NeverWritten_IsAcceptedWithoutCrc_ButFlagsDoNotMatter()
    {
        Assert.True(default(PaxosDblock).IsNeverWritten);
        Assert.True(default(PaxosDblock).IsChecksumValid);
        Assert.True((default(PaxosDblock) with { Flags = PaxosDblock.FlagReleased, Inp2 = 4, Inp3 = 9 }).IsNeverWritten);
        Assert.False((default(PaxosDblock) with { Mbal = 1 }).IsChecksumValid);
        Assert.False((default(PaxosDblock) with { Lver = 1 }).IsChecksumValid);
    }

    [Fact]
    public void Dblock_LoserOfShRace_AllZeroWithCrcOfZeros_IsValid()
    {
        // §7.7 quirk: all-zero dblock with checksum 0xCB5AD842 and RELEASED.
        var dblock = new PaxosDblock { Checksum = 0xCB5AD842, Flags = PaxosDblock.FlagReleased };
        Assert.False(dblock.IsNeverWritten);
        Assert.True(dblock.IsChecksumValid);
        Assert.True(dblock.IsReleased);
    }

    [Fact]
    public void Dblock_SettingReleased_KeepsChecksum()
    {
        var dblock = new PaxosDblock { Mbal = 2001, Bal = 2001, Inp = 1, Inp2 = 1, Inp3 = 7642, Lver = 2 };
        var sector = new byte[512];
        uint checksum = DblockSector.Encode(sector, dblock, default).Checksum;
        var released = PaxosDblock.Decode(sector) with { Flags = PaxosDblock.FlagReleased };
        Assert.True(released.IsChecksumValid);
        Assert.Equal(checksum, released.ComputeChecksum());
    }

    [Fact]
    public void DblockSector_Encode_ZeroesEverythingElse_IncludingOldModeBlock()
    {
        var sector = Enumerable.Repeat((byte)0xAA, 512).ToArray();
        DblockSector.Encode(sector, new PaxosDblock { Mbal = 1 }, default);
        Assert.True(sector.AsSpan(PaxosDblock.Size).IndexOfAnyExcept((byte)0) < 0);
        var (_, mode) = DblockSector.Decode(sector);
        Assert.Equal(default, mode);
    }

    [Fact]
    public void ModeBlock_PaddingIgnoredOnRead_ZeroOnWrite()
    {
        byte[] raw = [1, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF, 2, 0, 0, 0, 0, 0, 0, 0];
        var mode = ModeBlock.Decode(raw);
        Assert.Equal(new ModeBlock { Flags = ModeBlock.FlagShared, Generation = 2 }, mode);
        Assert.True(mode.IsShared);
        var written = new byte[ModeBlock.Size];
        mode.Encode(written);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0], written);
    }

    [Fact]
    public void RequestRecord_PaddingIgnoredOnRead_ZeroOnWrite()
    {
        var raw = new byte[RequestRecord.Size];
        new RequestRecord { Magic = RequestRecord.RequestMagic, Version = RequestRecord.RequestVersion, Lver = 4, ForceMode = 2 }.Encode(raw);
        raw[21] = 0x77;
        var decoded = RequestRecord.Decode(raw);
        Assert.Equal((4ul, 2u), (decoded.Lver, decoded.ForceMode));
        var written = Enumerable.Repeat((byte)0xFF, RequestRecord.Size).ToArray();
        decoded.Encode(written);
        Assert.Equal(0, written[21]);
    }
}
