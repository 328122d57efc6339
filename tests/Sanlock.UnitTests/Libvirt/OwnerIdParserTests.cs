using Sanlock.Libvirt;
using Sanlock.Libvirt.Accounts;

namespace Sanlock.UnitTests.Libvirt;

/// <summary>Accept/reject rows checked against libvirt 9.0.0's sanlock plugin (user = "…" in qemu-sanlock.conf).</summary>
public class OwnerIdParserTests
{
    [Theory]
    [InlineData("sanlock", 179u)]
    [InlineData("1234", 77u)]
    [InlineData("+1234", 1234u)]
    [InlineData("4321", 4321u)]
    [InlineData("010", 10u)]
    [InlineData(" 12", 12u)]
    [InlineData("\t12", 12u)]
    [InlineData("+ 12", 12u)]
    [InlineData("++12", 12u)]
    [InlineData("4294967295", 4294967295u)]
    [InlineData("-1", 4294967295u)]
    [InlineData("+-1", 4294967295u)]
    [InlineData("-4294967295", 1u)]
    public void ParseUser_AcceptsNamesThenNumbers(string value, uint expected)
    {
        Assert.Equal(expected, OwnerIdParser.ParseUser(value, FakeAccountDatabase.Instance));
    }

    [Theory]
    [InlineData("nosuchuser", "nosuchuser")]
    [InlineData("+nosuch", "nosuch")]
    [InlineData("+sanlock", "sanlock")]
    [InlineData("", "")]
    [InlineData("+", "")]
    [InlineData("4294967296", "4294967296")]
    [InlineData("-4294967296", "-4294967296")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("12 ", "12 ")]
    [InlineData("0x10", "0x10")]
    [InlineData("- 1", "- 1")]
    public void ParseUser_WhenNeitherNameNorNumber_ThrowsFailedToParse(string value, string quoted)
    {
        var e = Assert.Throws<LibvirtException>(() => OwnerIdParser.ParseUser(value, FakeAccountDatabase.Instance));
        Assert.Equal(LibvirtErrorCode.InvalidArgument, e.Code);
        Assert.Equal($"invalid argument: Failed to parse user '{quoted}'", e.Message);
    }

    [Fact]
    public void ParseGroup_UsesTheGroupTable()
    {
        Assert.Equal(180u, OwnerIdParser.ParseGroup("sanlock", FakeAccountDatabase.Instance));
        Assert.Equal(5u, OwnerIdParser.ParseGroup("+5", FakeAccountDatabase.Instance));
        var e = Assert.Throws<LibvirtException>(() => OwnerIdParser.ParseGroup("qemu", FakeAccountDatabase.Instance));
        Assert.Equal("invalid argument: Failed to parse group 'qemu'", e.Message);
        e = Assert.Throws<LibvirtException>(() => OwnerIdParser.ParseGroup("+5x", FakeAccountDatabase.Instance));
        Assert.Equal("invalid argument: Failed to parse group '5x'", e.Message);
    }

    [Fact]
    public void LibcAccountDatabase_ResolvesRootAndRejectsUnknownNames()
    {
        var db = LibcAccountDatabase.Instance;
        Assert.True(db.TryGetUserId("root", out uint uid));
        Assert.Equal(0u, uid);
        Assert.True(db.TryGetGroupId("root", out uint gid));
        Assert.Equal(0u, gid);
        Assert.False(db.TryGetUserId("no-such-user-sanlock-net", out _));
        Assert.False(db.TryGetGroupId("no-such-group-sanlock-net", out _));
    }

    [Fact]
    public void LibcAccountDatabase_AgreesWithEtcPasswdForNonRootUsers()
    {
        string[] line = File.ReadLines("/etc/passwd").Select(l => l.Split(':')).First(f => f.Length > 3 && f[2] != "0");
        Assert.True(LibcAccountDatabase.Instance.TryGetUserId(line[0], out uint uid));
        Assert.Equal(uint.Parse(line[2], System.Globalization.CultureInfo.InvariantCulture), uid);
    }

    [Fact]
    public void LibcAccountDatabase_AgreesWithEtcGroupForNonRootGroups()
    {
        string[] line = File.ReadLines("/etc/group").Select(l => l.Split(':')).First(f => f.Length > 2 && f[2] != "0");
        Assert.True(LibcAccountDatabase.Instance.TryGetGroupId(line[0], out uint gid));
        Assert.Equal(uint.Parse(line[2], System.Globalization.CultureInfo.InvariantCulture), gid);
    }
}
