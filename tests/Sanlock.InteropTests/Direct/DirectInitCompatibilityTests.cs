using Sanlock.TestKit;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// <c>direct init</c>: ours and the real sanlock 3.8.5 get the same arguments on identical files and must print the
/// same, exit the same and leave byte-identical files. The only byte allowed to differ is the write_timestamp of a
/// cleared (-z) resource leader: it is the writer's monotonic clock (bytes 192..199, outside the checksum).
/// </summary>
public sealed class DirectInitCompatibilityTests : IDisposable
{
    private readonly TempLeaseDir _dir = new("direct-init");

    public static TheoryData<string> Arguments => new()
    {
        // every valid size pair, lockspace and resource
        "init -s LS:0:FILE:0",
        "init -s LS:0:FILE:0 -Z 512 -A 1M",
        "init -s LS:0:FILE:0 -Z 4096 -A 1M",
        "init -s LS:0:FILE:0 -Z 4096 -A 2M",
        "init -s LS:0:FILE:0 -Z 4096 -A 4M",
        "init -s LS:0:FILE:0 -Z 4096 -A 8M",
        "init -r LS:R1:FILE:0",
        "init -r LS:R1:FILE:0 -Z 512 -A 1M",
        "init -r LS:R1:FILE:0 -Z 4096 -A 1M",
        "init -r LS:R1:FILE:0 -Z 4096 -A 2M",
        "init -r LS:R1:FILE:0 -Z 4096 -A 4M",
        "init -r LS:R1:FILE:0 -Z 4096 -A 8M",
        // options
        "init -s LS:0:FILE:0 -o 1",
        "init -s LS:0:FILE:0 -o 0",
        "init -s LS:0:FILE:0 -o 300",
        "init -s LS:7:FILE:0 -o abc",
        "init -r LS:R1:FILE:0 -n 5",
        "init -r LS:R1:FILE:0 -n 0",
        "init -r LS:R1:FILE:0 -n 5000",
        "init -r LS:R1:FILE:0 -Z 4096 -A 1M -n 251",
        "init -r LS:R1:FILE:0 -z 1",
        "init -r LS:R1:FILE:0 -z 0",
        "init -r LS:R1:FILE:0:5",
        "init -r LS:R1:FILE:0:SH",
        "init -r LS:R1:FILE:1M -Z 4096 -A 2M",
        "init -s LS:0:FILE:1M",
        "init -s LS:0:FILE:512",
        "init -s LS:0:FILE:1048576 -Z 4096 -A 2M",
        "init -s 012345678901234567890123456789012345678901234567:0:FILE:0",
        "init -r LS:012345678901234567890123456789012345678901234567:FILE:0",
        "init -s LS:0:FILE:0 -r LS:R1:FILE:0",
        // mistakes the real CLI reports the same way
        "init -s LS:0:FILE:0 -Z 4096",
        "init -s LS:0:FILE:0 -Z 512",
        "init -s LS:0:FILE:0 -A 1M",
        "init -s LS:0:FILE:0 -Z 512 -A 2M",
        "init -s LS:0:FILE:0 -Z 4096 -A 3M",
        "init -s LS:0:FILE:100",
        "init -r LS:R1:FILE:100",
        "init -s LS:0",
        "init -r LS:R1:FILE",
        "init -r LS",
        "init -r LS:R1",
        "init -r LS:R1:FILE:abc",
        "init -r LS:0123456789012345678901234567890123456789012345678:FILE:0",
        "init -s LS:0:FILE:0 -Z4096",
        "init -s LS:0:FILE:0 -q 5",
        "init -s LS:0:FILE:0 -o",
        "init -s LS:0:FILE:0 extra",
        "init",
        "frobnicate",
    };

    [Theory]
    [MemberData(nameof(Arguments))]
    public void Init_OnEmptyFile_MatchesRealSanlockByteForByte(string arguments) =>
        AssertSameAsReal(arguments.Split(' '), initialContent: []);

    [Theory]
    [MemberData(nameof(Arguments))]
    public void Init_OverRandomData_MatchesRealSanlockByteForByte(string arguments)
    {
        var noise = new byte[3 << 20];
        new Random(arguments.Length).NextBytes(noise);
        AssertSameAsReal(arguments.Split(' '), noise);
    }

    [Theory]
    [InlineData("init -s LS:0:FILE:0")]
    [InlineData("init -r LS:R1:FILE:0")]
    public void Init_WhenFileMissing_MatchesRealSanlockAndCreatesNothing(string arguments) =>
        AssertSameAsReal(arguments.Split(' '), initialContent: null);

    public void Dispose() => _dir.Dispose();

    private void AssertSameAsReal(string[] args, byte[]? initialContent)
    {
        var realFile = _dir.PathOf("real.lease");
        var ourFile = _dir.PathOf("ours.lease");
        var real = DirectRun.On(SanlockBinaries.Real, realFile, initialContent, args);
        var ours = DirectRun.On(SanlockBinaries.Ours, ourFile, initialContent, args);

        Assert.Equal(real.StdoutWith(realFile), ours.StdoutWith(ourFile));
        Assert.Equal(real.Result.ExitCode, ours.Result.ExitCode);
        Assert.Equal(real.FileAfter is null, ours.FileAfter is null);
        if (real.FileAfter is null || ours.FileAfter is null)
        {
            return;
        }

        Assert.Equal(real.FileAfter.Length, ours.FileAfter.Length);
        var differing = Enumerable.Range(0, real.FileAfter.Length).Where(i => real.FileAfter[i] != ours.FileAfter[i]).ToList();
        var cleared = args.Contains("-z");
        var allowed = differing.All(i => cleared && i % 512 is >= 192 and < 200 && i < 512);
        if (differing.Count > 0 && !allowed)
        {
            var first = differing[0];
            Assert.Fail($"{differing.Count} bytes differ, first at offset {first} (real 0x{real.FileAfter[first]:x2}, ours 0x{ours.FileAfter[first]:x2})");
        }
        if (ours.Result.ExitCode != 0)
        {
            Assert.False(ours.Result.Crashed);
        }
    }
}
