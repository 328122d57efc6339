using Sanlock.TestKit;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// Mistakes and damaged files: our CLI exits non-zero, says on stderr what was wrong (path, offset, field), never
/// crashes, never prints what it did not read, and leaves the file byte for byte as it was.
/// </summary>
public sealed class DirectBadInputTests : IDisposable
{
    private readonly TempLeaseDir _dir = new("direct-bad");

    [Fact]
    public void ReadLeader_WhenMagicWrong_ReturnsLeaderMagicAndNamesTheField()
    {
        var image = LeaseImages.Lockspace();
        LeaseImages.EditLeader(image, 512, l => l with { Magic = 0xdeadbeef });
        var run = RunOurs(image, "read_leader", "-s", "LS:2:FILE:0");
        AssertRefused(run, image, "read_leader done -223", "magic", "offset 512");
    }

    [Fact]
    public void ReadLeader_WhenChecksumWrong_ReturnsLeaderChecksumAndNamesBothValues()
    {
        var image = LeaseImages.Resource();
        LeaseImages.EditLeader(image, 0, l => l with { Lver = 9 }, keepOldChecksum: true);
        var run = RunOurs(image, "read_leader", "-r", "LS:R1:FILE:0");
        AssertRefused(run, image, "read_leader done -229", "checksum", "offset 0");
    }

    [Fact]
    public void Dump_WhenFirstMagicUnknown_SaysSizesCannotBeFoundAndWhy()
    {
        var image = LeaseImages.Lockspace();
        LeaseImages.EditLeader(image, 0, l => l with { Magic = 0x99 });
        var run = RunOurs(image, "dump", "FILE");
        AssertRefused(run, image, "Cannot find sector_size and align_size", "magic", "offset 0");
    }

    [Fact]
    public void Dump_WhenFileTruncatedInsideArea_ShowsNothingOfItAndFails()
    {
        var image = LeaseImages.Lockspace()[..4096];
        var real = DirectRun.On(SanlockBinaries.Real, _dir.PathOf("real.lease"), image, "dump", "FILE");
        var run = RunOurs(image, "dump", "FILE");
        AssertRefused(run, image, "  offset", "truncated", "offset 0");
        Assert.Equal(real.Result.StdoutText, run.Result.StdoutText);
    }

    [Fact]
    public void ReadLeader_WhenSlotBeyondEndOfFile_ReturnsMinus90WithoutFields()
    {
        var image = LeaseImages.Lockspace()[..4096];
        var run = RunOurs(image, "read_leader", "-s", "LS:9:FILE:0");
        AssertRefused(run, image, "read_leader done -90", "end of file", "offset 4096");
        Assert.Equal("read_leader done -90\n", run.Result.StdoutText);
    }

    [Fact]
    public void ReadLeader_WhenFileMissing_PrintsNoUninitialisedFields()
    {
        var run = DirectRun.On(SanlockBinaries.Ours, _dir.PathOf("missing.lease"), null, "read_leader", "-s", "LS:1:FILE:0");
        Assert.Equal("read_leader done -19\n", run.Result.StdoutText);
        Assert.Contains("missing.lease", run.Result.StderrText, StringComparison.Ordinal);
        Assert.Equal(1, run.Result.ExitCode);
        Assert.Null(run.FileAfter);
    }

    [Fact]
    public void Dump_WhenNumHostsIsGarbage_ReportsTheFieldInsteadOfCrashing()
    {
        var image = LeaseImages.Resource();
        LeaseImages.EditLeader(image, 0, l => l with { NumHosts = 0x0123456789abcdef });
        var real = DirectRun.On(SanlockBinaries.Real, _dir.PathOf("real.lease"), image, "dump", "FILE");
        var run = RunOurs(image, "dump", "FILE");
        AssertRefused(run, image, "R1", "num_hosts 81985529216486895", "offset 0");
        // the header and the leader row were read, so they are shown (as the real one does before it goes wrong)
        Assert.StartsWith(run.Result.StdoutText, real.Result.StdoutText, StringComparison.Ordinal);
        Assert.Equal(2, run.Result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("-s 0123456789012345678901234567890123456789012345678:0:FILE:0", "48")]
    [InlineData("-r LS:0123456789012345678901234567890123456789012345678:FILE:0", "48")]
    [InlineData("-r 0123456789012345678901234567890123456789012345678:R1:FILE:0", "48")]
    [InlineData("-s LS:0:FILE:100", "offset 100")]
    [InlineData("-r LS:R1:FILE:1000", "offset 1000")]
    [InlineData("-s LS:0:FILE:0 -Z 512 -A 2M", "512/2097152")]
    [InlineData("-s LS:0:FILE:0 -Z 4096", "-A")]
    [InlineData("-s LS:0:FILE:0 -o 70000", "io_timeout")]
    [InlineData("-s LS:0:FILE:0 -o -1", "io_timeout")]
    [InlineData("-r LS:R1:FILE:0 -n -1", "num_hosts")]
    [InlineData("-r LS:R1:FILE", "offset")]
    [InlineData("-r LS:R1:FILE:0:FILE:1M", "2 disks")]
    public void Init_WhenInputIsBad_RefusesAndLeavesFileUntouched(string arguments, string named)
    {
        var image = LeaseImages.Lockspace(areas: 3);
        new Random(7).NextBytes(image.AsSpan(1 << 20));
        var run = RunOurs(image, ["init", .. arguments.Split(' ')]);
        Assert.NotEqual(0, run.Result.ExitCode);
        Assert.False(run.Result.Crashed);
        Assert.Contains(named, run.Result.StdoutText + run.Result.StderrText, StringComparison.Ordinal);
        Assert.Equal(image, run.FileAfter);
    }

    [Fact]
    public void Init_WhenPathMissing_NamesThePathAndCreatesNothing()
    {
        var path = _dir.PathOf("no-such-dir/lease");
        var run = ProcessRunner.Run(SanlockBinaries.Ours, "direct", "init", "-s", $"LS:0:{path}:0");
        Assert.Equal("init done -19\n", run.StdoutText);
        Assert.Contains(path, run.StderrText, StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Dump_WhenFilesystemRefusesODirect_SaysSo()
    {
        // procfs refuses O_DIRECT with EINVAL, as tmpfs did before Linux 6.6 (this kernel's tmpfs accepts it).
        var run = ProcessRunner.Run(SanlockBinaries.Ours, "direct", "dump", "/proc/version");
        Assert.Equal("Device /proc/version not found.\n", run.StdoutText);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not support O_DIRECT", run.StderrText, StringComparison.Ordinal);
        Assert.Contains("errno 22", run.StderrText, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private DirectRun RunOurs(byte[] image, params string[] args) => DirectRun.On(SanlockBinaries.Ours, _dir.PathOf("ours.lease"), image, args);

    private static void AssertRefused(DirectRun run, byte[] image, string stdoutHas, params string[] stderrHas)
    {
        Assert.Equal(1, run.Result.ExitCode);
        Assert.Contains(stdoutHas, run.Result.StdoutText, StringComparison.Ordinal);
        Assert.Contains("ours.lease", run.Result.StderrText, StringComparison.Ordinal);
        foreach (var text in stderrHas)
        {
            Assert.Contains(text, run.Result.StderrText, StringComparison.Ordinal);
        }
        Assert.Equal(image, run.FileAfter);
    }
}
