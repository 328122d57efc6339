using Sanlock.Lockd.Cli;
using Sanlock.Lockd.Protocol;

namespace Sanlock.UnitTests.Lockd;

public class LockdArgumentsTests
{
    [Fact]
    public void Parse_Run_SplitsDisksAndCommandAtTheDoubleDash()
    {
        var a = LockdArguments.Parse(["--shared", "/img/s", "/img/a", "--conf", "/c", "--", "sleep", "--shared", "1"]);
        Assert.Equal([new DiskRequest("/img/s", true), new DiskRequest("/img/a", false)], a.Disks);
        Assert.Equal(["sleep", "--shared", "1"], a.Command);
        Assert.Equal("/c", a.ConfPath);
    }

    [Fact]
    public void Parse_RelativeDisk_IsMadeAbsolute()
    {
        var a = LockdArguments.Parse(["img//x"]);
        Assert.Equal(Path.GetFullPath("img//x"), a.Disks[0].Path);
        Assert.StartsWith("/", a.Disks[0].Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pid", "0", "positive number")]
    [InlineData("--pid", "x", "positive number")]
    [InlineData("--bogus", "1", "unknown option --bogus")]
    public void Parse_BadOption_NamesIt(string option, string value, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => LockdArguments.Parse([option, value]));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => LockdArguments.Parse(["--conf"]));
    }
}
