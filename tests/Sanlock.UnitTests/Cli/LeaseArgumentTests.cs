using Sanlock.Cli.Common;

namespace Sanlock.UnitTests.Cli;

public class LeaseArgumentTests
{
    [Theory]
    [InlineData("LS:3:/dev/sdb:1048576", "LS", 3, "/dev/sdb", 1048576)]
    [InlineData("LS:3:/p:1M", "LS", 3, "/p", 1048576)]
    [InlineData("LS:3:/p:512abc", "LS", 3, "/p", 512)]
    [InlineData("LS:3:/p:0x200", "LS", 3, "/p", 0)]
    [InlineData("LS:x:/p", "LS", 0, "/p", 0)]
    [InlineData("LS", "LS", 0, "", 0)]
    [InlineData(@"LS:1:/a\:b:0:extra", "LS", 1, "/a:b", 0)]
    public void Lockspace_Parse_FollowsCNumberRulesAndEscapes(string text, string name, long hostId, string path, long offset)
    {
        var lockspace = LockspaceArgument.Parse(text, out var error);
        Assert.Null(error);
        Assert.Equal(new LockspaceArgument(name, hostId, path, offset), lockspace);
    }

    [Fact]
    public void Lockspace_Parse_WhenNameOver48Bytes_RefusesInsteadOfTruncating()
    {
        Assert.Null(LockspaceArgument.Parse(new string('n', 49) + ":1:/p:0", out var error));
        Assert.Contains("49 bytes", error, StringComparison.Ordinal);
        Assert.NotNull(LockspaceArgument.Parse(new string('n', 48) + ":1:/p:0", out _));
    }

    [Theory]
    [InlineData("LS", -6)]
    [InlineData("LS:R:/p", -1)]
    [InlineData("LS:R:/p:", -1)]
    [InlineData("LS:R:/p:abc", -1)]
    [InlineData("LS:R::0", -1)]
    [InlineData("LS:R:/p:0:", -1)]
    [InlineData("LS:R:/a:0:/b:1:/c:2:/d:3:/e:4", -2)]
    public void Resource_Parse_WhenMalformed_ReturnsTheRealCliCode(string text, int code)
    {
        Assert.Null(ResourceArgument.Parse(text, out var errorCode, out var error));
        Assert.Equal(code, errorCode);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Resource_Parse_WhenNameOver48Bytes_Fails()
    {
        Assert.Null(ResourceArgument.Parse("LS:" + new string('r', 49) + ":/p:0", out var code, out _));
        Assert.Equal(-1, code);
    }

    [Fact]
    public void Resource_Parse_ReadsDisksLverAndShared()
    {
        var plain = ResourceArgument.Parse(@"LS:R1:/a\:x:1M", out _, out _)!;
        Assert.Equal(("LS", "R1", 0ul, false), (plain.Lockspace, plain.Name, plain.Lver, plain.Shared));
        Assert.Equal([new ResourceDisk("/a:x", 1 << 20)], plain.Disks);

        var versioned = ResourceArgument.Parse("LS:R1:/a:0:/b:512:7", out _, out _)!;
        Assert.Equal(2, versioned.Disks.Count);
        Assert.Equal(7ul, versioned.Lver);

        Assert.True(ResourceArgument.Parse("LS:R1:/a:0:SH", out _, out _)!.Shared);
        Assert.Empty(ResourceArgument.Parse("LS:R1", out _, out _)!.Disks);
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("  -7x", -7)]
    [InlineData("abc", 0)]
    [InlineData("", 0)]
    [InlineData("+12", 12)]
    [InlineData("65537", 65537)]
    public void Atoi_FollowsC(string text, int expected) => Assert.Equal(expected, CNumbers.Atoi(text));
}
