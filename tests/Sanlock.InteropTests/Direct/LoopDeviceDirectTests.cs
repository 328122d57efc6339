using Sanlock.TestKit;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// <c>direct init</c> and <c>direct dump</c> through a block device (a loop device over a file): same bytes and same
/// output as the real sanlock. Skipped, with the reason, where losetup cannot attach a device.
/// </summary>
public sealed class LoopDeviceDirectTests : IDisposable
{
    private readonly TempLeaseDir _dir = new("direct-loop");

    [Theory]
    [InlineData(512, "")]
    [InlineData(4096, "")]
    [InlineData(4096, "-Z 4096 -A 1M")]
    public void InitAndDump_ThroughLoopDevice_MatchRealSanlock(int logicalSectorSize, string sizeOptions)
    {
        var realBacking = _dir.CreateFile("real.img", 16 << 20);
        var ourBacking = _dir.CreateFile("ours.img", 16 << 20);
        using var realLoop = LoopDevice.TryAttach(realBacking, out var whyNot, logicalSectorSize);
        if (realLoop is null)
        {
            Assert.Skip(whyNot!);
        }
        using var ourLoop = LoopDevice.TryAttach(ourBacking, out whyNot, logicalSectorSize);
        if (ourLoop is null)
        {
            Assert.Skip(whyNot!);
        }

        var options = sizeOptions.Length == 0 ? [] : sizeOptions.Split(' ');
        var area = sizeOptions.Length == 0 && logicalSectorSize == 4096 ? 8 << 20 : 1 << 20;
        string[][] steps =
        [
            ["init", "-s", "LS:0:DEV:0", "-o", "3", .. options],
            ["init", "-r", $"LS:R1:DEV:{area}", .. options],
            ["dump", "DEV"],
            ["read_leader", "-s", "LS:1:DEV:0"],
            ["read_leader", "-r", $"LS:R1:DEV:{area}"],
        ];
        foreach (var step in steps)
        {
            var real = ProcessRunner.Run(SanlockBinaries.Real, ["direct", .. step.Select(a => a.Replace("DEV", realLoop.DevicePath, StringComparison.Ordinal))]);
            var ours = ProcessRunner.Run(SanlockBinaries.Ours, ["direct", .. step.Select(a => a.Replace("DEV", ourLoop.DevicePath, StringComparison.Ordinal))]);
            Assert.Equal(real.StdoutText.Replace(realLoop.DevicePath, "DEV", StringComparison.Ordinal),
                ours.StdoutText.Replace(ourLoop.DevicePath, "DEV", StringComparison.Ordinal));
            Assert.Equal(real.ExitCode, ours.ExitCode);
        }

        realLoop.Dispose();
        ourLoop.Dispose();
        Assert.Equal(File.ReadAllBytes(realBacking), File.ReadAllBytes(ourBacking));
    }

    public void Dispose() => _dir.Dispose();
}
