using Sanlock.Cli.Common;
using Sanlock.OnDisk;

namespace Sanlock.UnitTests.Cli;

public class DirectSizesTests
{
    private static DirectSizes Parse(string args, out string? error) =>
        DirectSizes.FromOptions(CliOptions.Parse(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), false, "ZA", out _)!, out error);

    [Theory]
    [InlineData("-Z 512 -A 1M", 512, 1 << 20)]
    [InlineData("-Z 4096 -A 8M", 4096, 8 << 20)]
    public void FromOptions_WhenPairValid_GivesGeometry(string args, int sector, int align)
    {
        var sizes = Parse(args, out var error);
        Assert.Null(error);
        Assert.True(sizes.TryGetGeometry(out var geometry));
        Assert.Equal(LeaseGeometry.Create(sector, align), geometry);
    }

    [Theory]
    [InlineData("-A 1m")]
    [InlineData("-A 1048576")]
    [InlineData("-Z 4096 -A 16M")]
    [InlineData("-Z 4096")]
    [InlineData("")]
    public void FromOptions_WhenAlignNotOneOfTheFourStrings_TreatsItAsNotGiven(string args)
    {
        var sizes = Parse(args, out var error);
        Assert.Null(error);
        Assert.Equal(0, sizes.AlignSize);
        Assert.False(sizes.TryGetGeometry(out _));
    }

    [Theory]
    [InlineData("-A 1M", "(0/1048576)")]
    [InlineData("-Z 512 -A 2M", "(512/2097152)")]
    [InlineData("-Z 1024 -A 1M", "(1024/1048576)")]
    public void FromOptions_WhenPairInvalid_GivesTheRealCliMessage(string args, string pair)
    {
        Parse(args, out var error);
        Assert.Equal($"Invalid sector_size/align_size combination {pair}\nUse one of: 512/1M, 4096/1M, 4096/2M, 4096/4M, 4096/8M.", error);
    }
}
