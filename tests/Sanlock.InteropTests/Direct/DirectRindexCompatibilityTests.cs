using System.Text;
using Sanlock.TestKit;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// <c>direct format|lookup|update|rebuild -x</c>: the same script of rindex steps run with our CLI and the real
/// sanlock 3.8.5 on identical files prints the same and leaves the same bytes. The real CLI leaves 4 bytes of the
/// rindex_lease's request sector (bytes 20..23, padding after force_mode) uninitialised; those are not compared.
/// </summary>
public sealed class DirectRindexCompatibilityTests : IDisposable
{
    private readonly TempLeaseDir _dir = new("direct-rindex");

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> Sizes => new()
    {
        { "512/1M", "" },
        { "4096/8M", "-Z 4096 -A 8M" },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RindexScript_PrintsAndWritesWhatTheRealCliDoes(string label, string sizeOptions)
    {
        Assert.NotEmpty(label);
        var (realOut, realFile) = RunScript(SanlockBinaries.Real, "real", sizeOptions);
        var (ourOut, ourFile) = RunScript(SanlockBinaries.Ours, "ours", sizeOptions);
        Assert.Equal(realOut, ourOut);

        int alignSize = sizeOptions.Length == 0 ? 1 << 20 : 8 << 20;
        int sectorSize = sizeOptions.Length == 0 ? 512 : 4096;
        int requestPadding = alignSize + sectorSize + 20;
        var differing = Enumerable.Range(0, realFile.Length)
            .Where(i => realFile[i] != ourFile[i] && !(i >= requestPadding && i < requestPadding + 4))
            .ToList();
        Assert.True(differing.Count == 0, differing.Count == 0 ? "" :
            $"{differing.Count} bytes differ, first at {differing[0]} (real 0x{realFile[differing[0]]:x2}, ours 0x{ourFile[differing[0]]:x2})");
    }

    [Fact]
    public void Lookup_OfAMissingFileOrForeignLockspace_FailsLikeTheRealCli()
    {
        var file = _dir.CreateFile("rx", 4 << 20);
        Assert.Equal(0, ProcessRunner.Run(SanlockBinaries.Real, "direct", "format", "-x", $"LS:{file}:0").ExitCode);
        foreach (var args in new[]
        {
            new[] { "direct", "lookup", "-x", $"OTHER:{file}:0" },
            ["direct", "lookup", "-x", $"LS:{file}:1048576"],
            ["direct", "format", "-x", $"LS:{_dir.PathOf("missing")}:0"],
            ["direct", "update", "-x", $"LS:{file}:0", "-e", "foo:7"],
        })
        {
            var real = ProcessRunner.Run(SanlockBinaries.Real, args);
            var ours = ProcessRunner.Run(SanlockBinaries.Ours, args);
            Assert.Equal(Encoding.UTF8.GetString(real.Stdout), Encoding.UTF8.GetString(ours.Stdout));
            Assert.Equal(real.ExitCode, ours.ExitCode);
        }
        Assert.False(File.Exists(_dir.PathOf("missing")));
    }

    private (string Output, byte[] File) RunScript(string cli, string name, string sizeOptions)
    {
        var file = _dir.CreateFile(name, 24 << 20);
        string rx = $"LS:{file}:0";
        var sizes = sizeOptions.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[][] steps =
        [
            ["format", "-x", rx, .. sizes],
            ["lookup", "-x", rx],
            ["update", "-x", rx, "-e", "foo:FIRST"],
            ["lookup", "-x", rx, "-e", "foo"],
            ["lookup", "-x", rx, "-e", ":FIRST"],
            ["lookup", "-x", rx],
            ["update", "-x", rx, "-e", "foo:FIRST", "-z", "1"],
            ["lookup", "-x", rx, "-e", "foo"],
            ["update", "-x", rx, "-e", "bar:SECOND"],
            ["rebuild", "-x", rx],
            ["lookup", "-x", rx, "-e", "bar"],
            ["lookup", "-x", rx, "-e", ":7"],
        ];
        int alignSize = sizeOptions.Length == 0 ? 1 << 20 : 8 << 20;
        var output = new StringBuilder();
        foreach (var step in steps)
        {
            var args = step.Select(a => a.Replace("FIRST", (2 * alignSize).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("SECOND", (3 * alignSize).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var result = ProcessRunner.Run(cli, ["direct", .. args]);
            output.Append(Encoding.UTF8.GetString(result.Stdout)).Append("exit ").Append(result.ExitCode).Append('\n');
        }
        return (output.ToString(), File.ReadAllBytes(file));
    }
}
