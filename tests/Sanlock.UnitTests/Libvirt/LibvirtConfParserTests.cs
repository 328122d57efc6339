using Sanlock.Libvirt;
using Sanlock.Libvirt.Conf;

namespace Sanlock.UnitTests.Libvirt;

/// <summary>
/// Each row was checked against libvirt 9.0.0's own parser (virConfReadFile in libvirt.so.0, driven by a small C
/// harness): the same input gives the same value or the same message.
/// </summary>
public class LibvirtConfParserTests
{
    private static LibvirtConf Parse(string text) => LibvirtConfParser.Parse(text, "x.conf");

    private static string SyntaxErrorOf(string text)
    {
        var e = Assert.Throws<LibvirtException>(() => Parse(text));
        Assert.Equal(LibvirtErrorCode.ConfigSyntax, e.Code);
        return e.Message;
    }

    [Theory]
    [InlineData("a = \n", 1, "expecting a value")]
    [InlineData("a =", 1, "expecting a value")]
    [InlineData("a = x\n", 1, "expecting a value")]
    [InlineData("a=1\nb = $\n", 2, "expecting a value")]
    [InlineData("a = \r\n1\n", 1, "expecting a value")]
    [InlineData("a 1\n", 1, "expecting an assignment")]
    [InlineData("a\n= 1\n", 1, "expecting an assignment")]
    [InlineData("a.b = 1\n", 1, "expecting an assignment")]
    [InlineData("a-b = 1\n", 1, "expecting an assignment")]
    [InlineData("a\r= 1\n", 1, "expecting an assignment")]
    [InlineData("a", 1, "expecting an assignment")]
    [InlineData("= 1\n", 1, "expecting a name")]
    [InlineData("1a = 1\n", 1, "expecting a name")]
    [InlineData("_a = 1\n", 1, "expecting a name")]
    [InlineData(" ; \n", 1, "expecting a name")]
    [InlineData("a = 1;;\n", 1, "expecting a name")]
    [InlineData("a = 1\n  ;  \n", 2, "expecting a name")]
    [InlineData("a = 1 2\n", 1, "expecting a separator")]
    [InlineData("a = 0x10\n", 1, "expecting a separator")]
    [InlineData("a = 1x\n", 1, "expecting a separator")]
    [InlineData("a = \"x\"y\n", 1, "expecting a separator")]
    [InlineData("a = \"x\\\"y\"\n", 1, "expecting a separator")]
    [InlineData("a = 1\n\n\nb = 2 3\n", 4, "expecting a separator")]
    [InlineData("a = \"abc\n", 1, "unterminated string")]
    [InlineData("a = 'abc\n", 1, "unterminated string")]
    [InlineData("a = \"x\ry\"\n", 1, "unterminated string")]
    [InlineData("a = -\n", 1, "unterminated number")]
    [InlineData("a = +\n", 1, "unterminated number")]
    [InlineData("a = ++1\n", 1, "unterminated number")]
    [InlineData("a = - 1\n", 1, "unterminated number")]
    [InlineData("b = [ \"x\" \"y\" ]\n", 1, "expecting a separator in list")]
    [InlineData("\n\n\tb = [ \"x\" \"y\" ]\n", 3, "expecting a separator in list")]
    [InlineData("a = [ \"x\" # c\n ]\n", 1, "expecting a separator in list")]
    [InlineData("a = [ 1 2 ]", 1, "expecting a separator in list")]
    [InlineData("b = [ \"x\",\n \"y\"\n", 3, "list is not closed with ]")]
    [InlineData("a = [ \"x\"", 1, "list is not closed with ]")]
    [InlineData("a = [", 1, "list is not closed with ]")]
    [InlineData("b = [ \"x\",\n # c\n \"y\" ]\n", 2, "expecting a value")]
    [InlineData("a = [ , ]\n", 1, "expecting a value")]
    [InlineData("a = [ \"x\", , \"y\" ]\n", 1, "expecting a value")]
    [InlineData("a = [ \"x\",\n", 2, "expecting a value")]
    public void Parse_WhenSyntaxWrong_ThrowsWithFileLineAndWhat(string text, int line, string what)
    {
        Assert.Equal($"configuration file syntax error: x.conf:{line}: {what}", SyntaxErrorOf(text));
    }

    [Theory]
    [InlineData("\n", 2)]
    [InlineData("\n\n", 3)]
    [InlineData(" ", 1)]
    [InlineData(" \t ", 1)]
    [InlineData("\r", 1)]
    [InlineData("\r\n", 2)]
    [InlineData("\n\r\n", 3)]
    public void Parse_WhenFileHoldsOnlyBlanks_ExpectsAName(string text, int line)
    {
        Assert.Equal($"configuration file syntax error: x.conf:{line}: expecting a name", SyntaxErrorOf(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only\n")]
    [InlineData("# c")]
    [InlineData("# c\r\n\r\n")]
    [InlineData("# c\n\r\n")]
    public void Parse_WhenFileHoldsNoStatement_IsEmpty(string text)
    {
        Assert.Empty(Parse(text).Entries);
    }

    [Theory]
    [InlineData("a = 1\n")]
    [InlineData("a = 1")]
    [InlineData("a\t=\t1\t\n")]
    [InlineData("a=1")]
    [InlineData("a = +1\n")]
    [InlineData("a = 01\n")]
    [InlineData("a = 1;\n")]
    [InlineData("a = 1;\r")]
    [InlineData("a = 1 # c\n")]
    [InlineData("a = 1#c\n")]
    [InlineData("a = 1\r")]
    [InlineData("a = 1\r\n")]
    [InlineData("a = 1\n\r")]
    [InlineData("a = 1\n\n\n")]
    [InlineData("a = 1\n\n \r\n")]
    [InlineData("\r\na = 1\n")]
    [InlineData(" \ra = 1\n")]
    [InlineData("\n\n# c\n  a = 1\n")]
    [InlineData("a = 1 # c ; b = 2\n")]
    [InlineData("a = 18446744073709551617\n")]
    public void Parse_UnsignedOne_InManyLayouts(string text)
    {
        Assert.Equal(new ConfUnsigned(1), Parse(text).GetValue("a"));
    }

    [Theory]
    [InlineData("a = 1;b = 2\n")]
    [InlineData("a = 1 ; b = 2 ; \n")]
    [InlineData("a = 1\rb = 2\n")]
    [InlineData("a = 1 # c\rb = 2\n")]
    [InlineData("a = 1\r\n\r\n\r\nb = 2\r\n")]
    public void Parse_SplitsStatementsAtSemicolonAndLineEnds(string text)
    {
        LibvirtConf conf = Parse(text);
        Assert.Equal(new ConfUnsigned(1), conf.GetValue("a"));
        Assert.Equal(new ConfUnsigned(2), conf.GetValue("b"));
    }

    [Theory]
    [InlineData("a = \"x\"\n", "x")]
    [InlineData("a = 'x'\n", "x")]
    [InlineData("a = \"\"\n", "")]
    [InlineData("a = ''\n", "")]
    [InlineData("a = \"it's\"\n", "it's")]
    [InlineData("a = \"x\"#c\n", "x")]
    [InlineData("a = \"x\"\r\n", "x")]
    [InlineData("a = \"\"\"ab\nc\"\"\"\nb=1\n", "ab\nc")]
    [InlineData("a = \"\"\"\"x\"\"\"\n", "\"x")]
    [InlineData("a = \"\"\"a\"\"\"", "a")]
    [InlineData("a = \"\"\"\"\"\"\n", "")]
    [InlineData("a = \"\"\"x\ry\"\"\"\n", "x\ry")]
    public void Parse_ReadsStringsWithoutEscapes(string text, string value)
    {
        Assert.Equal(new ConfString(value), Parse(text).GetValue("a"));
    }

    [Theory]
    [InlineData("a = \"\"\"\"\"\"", 1, "expecting a separator")]
    [InlineData("a = \"\"\"x\"", 1, "expecting a separator")]
    [InlineData("a = \"\"\"x\n\"", 1, "expecting a separator")]
    [InlineData("a = '''x'''\n", 1, "expecting a separator")]
    [InlineData("a = \"\"\"x\"\n\n", 1, "unterminated string")]
    [InlineData("a = \"\"\"x\"\"\n", 1, "unterminated string")]
    [InlineData("a = \"\"\"ab\nc\n", 2, "unterminated string")]
    [InlineData("a = \"\"\"x\ny\nz\nw\n", 4, "unterminated string")]
    [InlineData("a = \"\"\"x\ny\nz\nw", 3, "unterminated string")]
    [InlineData("a = \"\"\"\n\n\n\n\"", 4, "unterminated string")]
    [InlineData("a = \"\"\"\n\n\n\nx\"\"", 5, "unterminated string")]
    [InlineData("a = \"\"\"x\ny\"\"\"\nb = \n", 3, "expecting a value")]
    [InlineData("a = \"\"\"a\nb\"\"\"x\n", 2, "expecting a separator")]
    public void Parse_TripleQuotes_NeedSevenCharactersAndCountLinesLikeLibvirt(string text, int line, string what)
    {
        Assert.Equal($"configuration file syntax error: x.conf:{line}: {what}", SyntaxErrorOf(text));
    }

    [Theory]
    [InlineData("a = -5\n", -5L)]
    [InlineData("a = -0\n", 0L)]
    public void Parse_LeadingMinus_GivesSignedValue(string text, long value)
    {
        Assert.Equal(new ConfSigned(value), Parse(text).GetValue("a"));
    }

    [Theory]
    [InlineData("a = 18446744073709551621\n", 5UL)]
    [InlineData("a = 18446744073709551616\n", 0UL)]
    [InlineData("a = 4294967295\n", 4294967295UL)]
    public void Parse_LargeNumbers_WrapModulo2To64(string text, ulong value)
    {
        Assert.Equal(new ConfUnsigned(value), Parse(text).GetValue("a"));
    }

    [Theory]
    [InlineData("b = [ \"x\",\n \"y\", ]\n")]
    [InlineData("b = [\n\"x\"\n,\n\"y\"\n]\n")]
    [InlineData("b = [ \"x\",\r\n \"y\" ]\n")]
    [InlineData("b = [\"x\",\r\"y\"] # c\n")]
    public void Parse_Lists_SpanLinesAndAllowTrailingComma(string text)
    {
        Assert.Equal(["x", "y"], Parse(text).GetStringList("b"));
    }

    [Fact]
    public void Parse_Lists_MayBeEmptyOrNested()
    {
        LibvirtConf conf = Parse("a = []\nb = [ [\"y\"], 1, -1 ]\n");
        Assert.Equal(new ConfList([]), conf.GetValue("a"));
        Assert.Equal(
            new ConfList([new ConfList([new ConfString("y")]), new ConfUnsigned(1), new ConfSigned(-1)]),
            conf.GetValue("b"));
    }

    [Fact]
    public void Parse_RecordsTheLineEachStatementStartsOn()
    {
        LibvirtConf conf = Parse("# head\n\na = \"\"\"x\ny\"\"\"\nb = [\n 1 ]; c = 2\n");
        Assert.Equal([("a", 3), ("b", 5), ("c", 6)], conf.Entries.Select(e => (e.Name, e.Line)));
    }

    [Fact]
    public void Parse_KeysAreCaseSensitive()
    {
        LibvirtConf conf = Parse("A = 1\n");
        Assert.Null(conf.GetValue("a"));
        Assert.Equal(new ConfUnsigned(1), conf.GetValue("A"));
    }
}
