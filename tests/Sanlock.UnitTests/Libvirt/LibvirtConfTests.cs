using Sanlock.Libvirt;
using Sanlock.Libvirt.Conf;

namespace Sanlock.UnitTests.Libvirt;

/// <summary>Typed getters; messages checked against libvirt 9.0.0's virConfGetValue* functions.</summary>
public class LibvirtConfTests
{
    private static LibvirtConf Parse(string text) => LibvirtConfParser.Parse(text, "x.conf");

    private static void AssertInternalError(string expected, Action action)
    {
        var e = Assert.Throws<LibvirtException>(action);
        Assert.Equal(LibvirtErrorCode.InternalError, e.Code);
        Assert.Equal("internal error: " + expected, e.Message);
    }

    [Fact]
    public void Getters_WhenKeyAbsent_ReturnNull()
    {
        LibvirtConf conf = Parse("a = 1\n");
        Assert.Null(conf.GetString("zz"));
        Assert.Null(conf.GetBool("zz"));
        Assert.Null(conf.GetUInt("zz"));
        Assert.Null(conf.GetStringList("zz"));
    }

    [Fact]
    public void Getters_WhenKeyDuplicated_FirstOccurrenceWins()
    {
        Assert.Equal(1u, Parse("a = 1\na = 2\n").GetUInt("a"));
        Assert.Equal(1u, Parse("a = 1\na = \"x\"\n").GetUInt("a"));
    }

    [Theory]
    [InlineData("a = 0\n", false)]
    [InlineData("a = 1\n", true)]
    [InlineData("a = +1\n", true)]
    public void GetBool_AcceptsUnsignedZeroAndOne(string text, bool expected)
    {
        Assert.Equal(expected, Parse(text).GetBool("a"));
    }

    [Theory]
    [InlineData("a = 2\n", "x.conf: value for 'a' parameter must be 0 or 1")]
    [InlineData("a = 5\n", "x.conf: value for 'a' parameter must be 0 or 1")]
    [InlineData("a = \"1\"\n", "x.conf: expected a bool for 'a' parameter")]
    [InlineData("a = -0\n", "x.conf: expected a bool for 'a' parameter")]
    [InlineData("a = -5\n", "x.conf: expected a bool for 'a' parameter")]
    [InlineData("a = [\"x\"]\n", "x.conf: expected a bool for 'a' parameter")]
    public void GetBool_WhenValueIsNotZeroOrOne_Throws(string text, string message)
    {
        AssertInternalError(message, () => Parse(text).GetBool("a"));
    }

    [Theory]
    [InlineData("a = 0\n", 0u)]
    [InlineData("a = 4294967295\n", 4294967295u)]
    [InlineData("a = 18446744073709551621\n", 5u)]
    public void GetUInt_AcceptsUnsignedUpTo32Bits(string text, uint expected)
    {
        Assert.Equal(expected, Parse(text).GetUInt("a"));
    }

    [Theory]
    [InlineData("a = 4294967296\n", "x.conf: value for 'a' parameter must be in range 0:4294967295")]
    [InlineData("a = 99999999999999999999999\n", "x.conf: value for 'a' parameter must be in range 0:4294967295")]
    [InlineData("a = -0\n", "x.conf: expected an unsigned integer for 'a' parameter")]
    [InlineData("a = -1\n", "x.conf: expected an unsigned integer for 'a' parameter")]
    [InlineData("a = \"1\"\n", "x.conf: expected an unsigned integer for 'a' parameter")]
    [InlineData("a = [\"x\"]\n", "x.conf: expected an unsigned integer for 'a' parameter")]
    public void GetUInt_WhenValueIsNotA32BitUnsigned_Throws(string text, string message)
    {
        AssertInternalError(message, () => Parse(text).GetUInt("a"));
    }

    [Theory]
    [InlineData("a = 1\n")]
    [InlineData("a = -1\n")]
    [InlineData("a = [\"x\"]\n")]
    public void GetString_WhenValueIsNotAString_Throws(string text)
    {
        AssertInternalError("x.conf: expected a string for 'a' parameter", () => Parse(text).GetString("a"));
    }

    [Fact]
    public void GetStringList_WhenValueIsAString_ThrowsInternalError()
    {
        AssertInternalError("x.conf: expected a string list for 'a' parameter", () => Parse("a = \"s\"\n").GetStringList("a"));
    }

    [Theory]
    [InlineData("a = [ 1, \"y\" ]\n")]
    [InlineData("a = [ [\"y\"] ]\n")]
    public void GetStringList_WhenAnElementIsNotAString_ThrowsSyntaxErrorWithoutLine(string text)
    {
        var e = Assert.Throws<LibvirtException>(() => Parse(text).GetStringList("a"));
        Assert.Equal("configuration file syntax error: x.conf: expected a string list for 'a' parameter", e.Message);
    }
}
