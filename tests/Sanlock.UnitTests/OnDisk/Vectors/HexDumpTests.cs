namespace Sanlock.UnitTests.OnDisk.Vectors;

public class HexDumpTests
{
    [Fact]
    public void Parse_SplitsRangesWhereTheOffsetJumps()
    {
        string[] lines =
        [
            "# producer",
            "00000000: 1020 2112 0400 0300 1000 0000 0002 0000  . !.............",
            "00000010: 0000 0000 0000 0000 0100 0000 0000 0000  ................",
            "00001000: 4c53 0000 0000 0000 0000 0000 0000 0000  LS..............",
        ];
        var dump = HexDump.Parse(lines, "inline");
        Assert.Equal("producer", dump.Header);
        Assert.Equal(2, dump.Ranges.Count);
        Assert.Equal((0L, 32), (dump.Ranges[0].Offset, dump.Ranges[0].Bytes.Length));
        Assert.Equal((0x1000L, 16), (dump.Ranges[1].Offset, dump.Ranges[1].Bytes.Length));
        Assert.Equal([0x10, 0x20, 0x21, 0x12], dump.Read(0, 4));
        Assert.Equal((byte)'L', dump.Read(0x1000, 1)[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => dump.Read(0x10, 32)); // runs past the first range
    }

    [Fact]
    public void Parse_AsciiColumnWithSpacesIsNotTakenForHex()
    {
        var dump = HexDump.Parse(["00000000: 2020 2020 2020 2020 2020 2020 2020 2020                  "], "inline");
        Assert.Equal(16, dump.Ranges[0].Bytes.Length);
    }

    [Fact]
    public void Parse_BadLine_NamesSourceAndLine()
    {
        var ex = Assert.Throws<FormatException>(() => HexDump.Parse(["# h", "zz"], "f.hex"));
        Assert.Contains("f.hex:2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rindex_formatted.hex", 2)] // header + first entry sector are contiguous, then rindex_lease
    [InlineData("lockspace_4k_host5_event.hex", 2)]
    [InlineData("resource_4k_direct_acquired.hex", 2)]
    [InlineData("lockspace_fresh_512.hex", 1)]
    public void CapturedVectors_HaveTheirDocumentedRanges(string file, int ranges)
    {
        var dump = HexDump.Load(DiskVectors.PathOf(file));
        Assert.Equal(ranges, dump.Ranges.Count);
        Assert.NotEmpty(dump.Header);
    }
}
