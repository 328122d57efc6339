using System.Collections.Immutable;
using Sanlock.Libvirt;
using Sanlock.Libvirt.SanlockPlugin;

namespace Sanlock.UnitTests.Libvirt;

/// <summary>
/// Expected values come from libsanlock 3.8.5 itself: sanlock_state_to_args on the input, sanlock_args_to_state on
/// the result (a small C program linked with -lsanlock).
/// </summary>
public class SanlockLockStateTests
{
    private const string LibvirtExample =
        "__LIBVIRT__DISKS__:bfa0240911bc17753e0b473688822159:/var/lib/libvirt/sanlock/bfa0240911bc17753e0b473688822159:0:7 "
        + "__LIBVIRT__DISKS__:0123456789abcdef0123456789abcdef:/srv/a\\:b/x:1048576:SH";

    private static SanlockResourceSpec Res(string ls, string name, bool shared, ulong? lver, params (string Path, ulong Offset)[] disks) =>
        new(ls, name, [.. disks.Select(d => new SanlockDiskSpec(d.Path, d.Offset))], shared, lver);

    [Fact]
    public void Parse_SpecExample_GivesAnExclusiveAndASharedLease()
    {
        ImmutableArray<SanlockResourceSpec> parsed = SanlockLockState.Parse(LibvirtExample);
        Assert.Equal(
            [
                Res("__LIBVIRT__DISKS__", "bfa0240911bc17753e0b473688822159", false, 7,
                    ("/var/lib/libvirt/sanlock/bfa0240911bc17753e0b473688822159", 0)),
                Res("__LIBVIRT__DISKS__", "0123456789abcdef0123456789abcdef", true, null, ("/srv/a:b/x", 1048576)),
            ],
            parsed);
        Assert.Equal(LibvirtExample, SanlockLockState.Format(parsed));
    }

    public static TheoryData<string, SanlockResourceSpec, string> SingleResources => new()
    {
        { "LS:R:/p:0", Res("LS", "R", false, null, ("/p", 0)), "LS:R:/p:0:0" },
        { "LS:R", Res("LS", "R", false, null), "LS:R:0" },
        { "LS:R:/p:0:0x10", Res("LS", "R", false, 16, ("/p", 0)), "LS:R:/p:0:16" },
        { "LS:R:/p:0:010", Res("LS", "R", false, 8, ("/p", 0)), "LS:R:/p:0:8" },
        { "LS:R:/p:0:SHx", Res("LS", "R", true, null, ("/p", 0)), "LS:R:/p:0:SH" },
        { "LS:R:/a b:0:1", Res("LS", "R", false, 1, ("/a b", 0)), "LS:R:/a\\ b:0:1" },
        { "LS:R:/a\\ b:0:1", Res("LS", "R", false, 1, ("/a b", 0)), "LS:R:/a\\ b:0:1" },
        { "LS:R:/p:0:/q\\ r:512:3", Res("LS", "R", false, 3, ("/p", 0), ("/q r", 512)), "LS:R:/p:0:/q\\ r:512:3" },
        { "LS:R:/p:0:/q:1:/r:2:/s:3:9", Res("LS", "R", false, 9, ("/p", 0), ("/q", 1), ("/r", 2), ("/s", 3)), "LS:R:/p:0:/q:1:/r:2:/s:3:9" },
        { "LS:R:/p:12abc:5", Res("LS", "R", false, 5, ("/p", 12)), "LS:R:/p:12:5" },
        { "LS:R:/p:0:abc", Res("LS", "R", false, 0, ("/p", 0)), "LS:R:/p:0:0" },
        { "LS:R:/p:0:-1", Res("LS", "R", false, ulong.MaxValue, ("/p", 0)), "LS:R:/p:0:18446744073709551615" },
        { "LS:R:/p:0x10:1", Res("LS", "R", false, 1, ("/p", 0)), "LS:R:/p:0:1" },
        { "LS:R:/p:010:1", Res("LS", "R", false, 1, ("/p", 10)), "LS:R:/p:10:1" },
        { "LS:R:/p:-1:1", Res("LS", "R", false, 1, ("/p", ulong.MaxValue)), "LS:R:/p:18446744073709551615:1" },
        { "LS:R:/p\\x:0:1", Res("LS", "R", false, 1, ("/px", 0)), "LS:R:/px:0:1" },
        { ":R:/p:0:1", Res("", "R", false, 1, ("/p", 0)), ":R:/p:0:1" },
        { "LS::/p:0:1", Res("LS", "", false, 1, ("/p", 0)), "LS::/p:0:1" },
    };

    [Theory]
    [MemberData(nameof(SingleResources))]
    public void Parse_SingleResource_MatchesLibsanlock(string state, SanlockResourceSpec expected, string reformatted)
    {
        ImmutableArray<SanlockResourceSpec> parsed = SanlockLockState.Parse(state);
        Assert.Equal([expected], parsed);
        Assert.Equal(reformatted, SanlockLockState.Format(parsed));
    }

    [Fact]
    public void Parse_WhenNameIsExactly48Bytes_Accepts()
    {
        string n48 = new('n', 48);
        Assert.Equal([Res(n48, n48, true, null, ("/p", 0))], SanlockLockState.Parse($"{n48}:{n48}:/p:0:SH"));
    }

    [Fact]
    public void Parse_WhenPathIs1023Bytes_Accepts()
    {
        string path = "/" + new string('p', 1022);
        Assert.Equal([Res("LS", "R", false, 1, (path, 0))], SanlockLockState.Parse($"LS:R:{path}:0:1"));
    }

    [Fact]
    public void Parse_DoubleSpace_StartsTheNextLockspaceNameWithASpace()
    {
        Assert.Equal(
            [Res("A", "B", false, null, ("/p", 0)), Res(" C", "D", false, null, ("/q", 0))],
            SanlockLockState.Parse("A:B:/p:0  C:D:/q:0"));
    }

    [Theory]
    [InlineData("", -6)]
    [InlineData(" ", -6)]
    [InlineData("LS", -6)]
    [InlineData("a:b:/p:0 c", -6)]
    [InlineData("a:b:/p:0 ", -6)]
    [InlineData("LS:R:/p", -1)]
    [InlineData("LS:R:", -1)]
    [InlineData("LS:R::0", -1)]
    [InlineData("LS:R:/p:x", -1)]
    [InlineData("LS:R:/p::1", -1)]
    [InlineData("LS:R:/p:0:", -1)]
    [InlineData("LS:R:/p:0:SH:x", -1)]
    [InlineData("LS:R:/p:0:1\\", -1)]
    [InlineData("LS:R:/p:0:/q r:512:3", -1)]
    [InlineData("LS:R:/p:0:/q:1:/r:2:/s:3:/t:4:9", -2)]
    [InlineData("LS:R:/p:0:/q:1:/r:2:/s:3:/t:4:/u:5:9", -2)]
    public void TryParse_WhenMalformed_FailsWithSanlocksCode(string state, int code)
    {
        Assert.False(SanlockLockState.TryParse(state, out _, out int error));
        Assert.Equal(code, error);
    }

    [Fact]
    public void TryParse_WhenNamesOrPathTooLong_Fails()
    {
        string n49 = new('n', 49);
        string p1024 = "/" + new string('p', 1023);
        Assert.False(SanlockLockState.TryParse($"{n49}:R:/p:0:1", out _, out int e1));
        Assert.False(SanlockLockState.TryParse($"LS:{n49}:/p:0:1", out _, out int e2));
        Assert.False(SanlockLockState.TryParse($"LS:R:{p1024}:0:1", out _, out int e3));
        Assert.Equal([-1, -1, -1], new[] { e1, e2, e3 });
    }

    [Fact]
    public void Parse_WhenMalformed_ThrowsLibvirtsMessage()
    {
        var e = Assert.Throws<LibvirtException>(() => SanlockLockState.Parse("LS:R:/p"));
        Assert.Equal("Unable to parse lock state LS:R:/p: Operation not permitted", e.Message);
    }

    [Fact]
    public void Format_EscapesSpacesAndColonsButKeepsExistingEscapes()
    {
        SanlockResourceSpec r = Res("LS", "R", false, 2, ("/a b:c\\:d", 0));
        Assert.Equal("LS:R:/a\\ b\\:c\\:d:0:2", SanlockLockState.FormatResource(r));
    }

    [Fact]
    public void Format_WhenNameTooLong_Throws()
    {
        Assert.Throws<ArgumentException>(() => SanlockLockState.FormatResource(Res(new string('n', 49), "R", false, 1)));
    }
}
