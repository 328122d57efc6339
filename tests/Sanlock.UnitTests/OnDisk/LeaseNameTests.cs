using System.Text;
using Sanlock.OnDisk;

namespace Sanlock.UnitTests.OnDisk;

public class LeaseNameTests
{
    [Fact]
    public void FortyEightByteName_FillsTheFieldWithoutTerminator()
    {
        string name = new('a', 48);
        var field = new byte[LeaseName.Size + 1];
        field[48] = 0xEE;
        new LeaseName(name).WriteTo(field);
        Assert.True(field.AsSpan(0, 48).IndexOfAnyExcept((byte)'a') < 0);
        Assert.Equal(0xEE, field[48]);
        Assert.Equal(name, LeaseName.FromBytes(field).ToString());
    }

    [Fact]
    public void FortyNineByteName_IsRejected_NamingTheLength()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LeaseName(new string('a', 49)));
        Assert.Contains("49 bytes", ex.Message, StringComparison.Ordinal);
        Assert.False(LeaseName.IsValid(new string('a', 49)));
        Assert.True(LeaseName.IsValid(new string('a', 48)));
    }

    [Fact]
    public void LengthIsCountedInUtf8Bytes()
    {
        string name = new('é', 24); // 48 UTF-8 bytes
        Assert.Equal(name, new LeaseName(name).ToString());
        Assert.Throws<ArgumentException>(() => new LeaseName(name + "x"));
        Assert.Equal(Encoding.UTF8.GetBytes(name), new LeaseName(name).Value.ToArray());
    }

    [Fact]
    public void NulInsideText_IsRejected() => Assert.Throws<ArgumentException>(() => new LeaseName("a\0b"));

    [Fact]
    public void RawBytes_AfterTheTerminator_SurviveDecodeEncode()
    {
        var field = new byte[LeaseName.Size];
        "ab"u8.CopyTo(field);
        field[5] = 0xFF;
        field[47] = 0x80;
        var name = LeaseName.FromBytes(field);
        Assert.Equal("ab", name.ToString());
        Assert.Equal(field, name.Field.ToArray());
        Assert.NotEqual(new LeaseName("ab"), name);
        Assert.True(name.Matches("ab"));
    }

    [Fact]
    public void Default_IsEmptyAndEqualsEmptyString()
    {
        Assert.True(default(LeaseName).IsEmpty);
        Assert.Equal(LeaseName.Empty, new LeaseName(""));
        Assert.Equal(new LeaseName("").GetHashCode(), default(LeaseName).GetHashCode());
        Assert.Equal("", default(LeaseName).ToString());
        Assert.Equal(48, default(LeaseName).Field.Length);
    }

    [Fact]
    public void FromBytes_ShortInput_IsNulPadded_LongInputCutAt48()
    {
        Assert.Equal(new LeaseName("LS"), LeaseName.FromBytes("LS"u8));
        Assert.Equal(new string('z', 48), LeaseName.FromBytes(Encoding.ASCII.GetBytes(new string('z', 60))).ToString());
    }
}
