using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;
using Sanlock.Protocol.Text;

namespace Sanlock.UnitTests.Protocol;

/// <summary>Resource, lockspace and state strings (sanlock-wire-protocol.md §6.1).</summary>
public class TextFormatsTests
{
    [Fact]
    public void ParseResource_WithLver_SetsLverFlag()
    {
        SanlkResource r = ResourceString.Parse("LS:R1:/tmp/wire/leases/r1:0:4");
        Assert.Equal(("LS", "R1", 4ul, ResourceFlags.Lver, 1u), (r.LockspaceName, r.Name, r.Lver, r.Flags, r.NumDisks));
        Assert.Equal(new SanlkDisk("/tmp/wire/leases/r1", 0), r.Disks[0]);
    }

    [Fact]
    public void ParseResource_WithSh_IsShared() =>
        Assert.Equal(ResourceFlags.Shared, ResourceString.Parse("LS:R1:/p:0:SH").Flags);

    [Fact]
    public void ParseResource_HexAndOctalLver_UseCBaseDetection()
    {
        Assert.Equal(16ul, ResourceString.Parse("LS:R:/p:0:0x10").Lver);
        Assert.Equal(8ul, ResourceString.Parse("LS:R:/p:0:010").Lver);
    }

    [Fact]
    public void ParseResource_EscapedColonAndSpace_AreKeptInThePath()
    {
        SanlkResource r = ResourceString.Parse(@"LS:R:/a\:b\ c:512");
        Assert.Equal("/a:b c", r.Disks[0].Path);
        Assert.Equal(512ul, r.Disks[0].Offset);
    }

    [Fact]
    public void ParseResource_MegabyteSuffix_OnlyWhenAllowed()
    {
        Assert.Equal(1048576ul, ResourceString.Parse("LS:R:/p:1M", allowMegabyteSuffix: true).Disks[0].Offset);
        Assert.Equal(1ul, ResourceString.Parse("LS:R:/p:1M").Disks[0].Offset);
    }

    [Theory]
    [InlineData("LS", -6)]
    [InlineData("", -6)]
    [InlineData("LS:R1:/x", -1)]
    [InlineData("LS:R1::0", -1)]
    [InlineData("NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN:R:/x:0", -1)]
    [InlineData("LS:R1:/x:0:/y:0:/z:0:/a:0:/b:0", -2)]
    public void TryParseResource_Invalid_GivesTheRealCliErrorCode(string text, int expected)
    {
        Assert.False(ResourceString.TryParse(text, true, out _, out int error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void FormatResource_ExportsPathsAndShowsLverOrSh()
    {
        SanlkResource ex = SanlkResource.Create("LS", "R1", [new SanlkDisk("/a b:c", 0), new SanlkDisk("/d", 1048576)], ResourceFlags.None, 7);
        Assert.Equal(@"LS:R1:/a\ b\:c:0:/d:1048576:7", ResourceString.Format(ex));
        Assert.Equal("LS:R2:/p:0:SH", ResourceString.Format(SanlkResource.Create("LS", "R2", [new SanlkDisk("/p", 0)], ResourceFlags.Shared)));
    }

    [Fact]
    public void ExportPath_KeepsExistingEscapes() => Assert.Equal(@"/a\:b\ c\\d", SanlockPath.Export(@"/a\:b c\\d"));

    [Fact]
    public void SplitState_SpaceBeforeThirdColon_BelongsToTheResource()
    {
        List<string> parts = StateString.Split("LS:R1:/tmp/r1:0:2 LS:R2:/tmp/r2:0:SH");
        Assert.Equal(["LS:R1:/tmp/r1:0:2", "LS:R2:/tmp/r2:0:SH"], parts);
        Assert.Equal(["L S:R1:/x:0:1"], StateString.Split("L S:R1:/x:0:1"));
    }

    [Fact]
    public void ParseLockspace_ReadsAllFieldsAndMegabyteOffset()
    {
        SanlkLockspace ls = LockspaceString.Parse(@"LS:2:/dev/vg/a\:b:1M");
        Assert.Equal(("LS", 2ul, "/dev/vg/a:b", 1048576ul), (ls.Name, ls.HostId, ls.HostIdDisk.Path, ls.HostIdDisk.Offset));
    }

    [Fact]
    public void ParseLockspace_TooLongName_IsCutTo48Bytes() =>
        Assert.Equal(48, LockspaceString.Parse(new string('N', 60) + ":1:/x:0").Name.Length);

    [Fact]
    public void ParseLockspace_MissingFields_AreEmpty()
    {
        SanlkLockspace ls = LockspaceString.Parse("LS");
        Assert.Equal(("LS", 0ul, "", 0ul), (ls.Name, ls.HostId, ls.HostIdDisk.Path, ls.HostIdDisk.Offset));
    }

    [Theory]
    [InlineData("12", 12ul)]
    [InlineData("0x1f", 31ul)]
    [InlineData("017", 15ul)]
    [InlineData("abc", 0ul)]
    [InlineData("42xyz", 42ul)]
    public void CNumber_ParsesLikeStrtoull(string text, ulong expected) => Assert.Equal(expected, CNumber.ParseUnsignedAuto(text));
}
