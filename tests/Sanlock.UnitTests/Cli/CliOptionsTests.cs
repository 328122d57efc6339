using Sanlock.Cli.Common;

namespace Sanlock.UnitTests.Cli;

public class CliOptionsTests
{
    private const string Known = "abcdefghilmnoprstuwxzAFGHLOPQRSUZ";

    [Fact]
    public void Parse_WhenOptionsHaveSpacedValues_ReturnsEachValue()
    {
        var options = CliOptions.Parse(["-s", "LS:1:/p:0", "-Z", "4096", "-A", "1M"], takesPositional: false, Known, out var error);
        Assert.Null(error);
        Assert.Equal("LS:1:/p:0", options!.Get('s'));
        Assert.Equal("4096", options.Get('Z'));
        Assert.Equal("1M", options.Get('A'));
        Assert.False(options.Debug);
        Assert.Null(options.Get('r'));
    }

    [Fact]
    public void Parse_WhenActionTakesPositional_KeepsFirstArgumentAsIs()
    {
        var options = CliOptions.Parse(["-D", "-Z", "512"], takesPositional: true, Known, out _);
        Assert.Equal("-D", options!.Positional);
        Assert.Equal("512", options.Get('Z'));
    }

    [Fact]
    public void Parse_WhenDebugFlagGiven_TakesNoValue()
    {
        var options = CliOptions.Parse(["-D", "-o", "5"], takesPositional: false, Known, out _);
        Assert.True(options!.Debug);
        Assert.Equal("5", options.Get('o'));
    }

    [Theory]
    [InlineData(new[] { "-Z4096" }, "unknown option -Z4096\nspace required before option value")]
    [InlineData(new[] { "extra" }, "unknown option extra\nspace required before option value")]
    [InlineData(new[] { "-" }, "unknown option -\nspace required before option value")]
    [InlineData(new[] { "-o" }, "option 'o' requires arg")]
    [InlineData(new[] { "--" }, "option '-' requires arg")]
    [InlineData(new[] { "-q", "5" }, "unknown option: q")]
    public void Parse_WhenArgumentsAreWrong_GivesTheRealCliMessage(string[] args, string expected)
    {
        Assert.Null(CliOptions.Parse(args, takesPositional: false, Known, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_WhenLetterRepeats_LastValueWins()
    {
        var options = CliOptions.Parse(["-o", "1", "-o", "2"], takesPositional: false, Known, out _);
        Assert.Equal("2", options!.Get('o'));
    }
}
