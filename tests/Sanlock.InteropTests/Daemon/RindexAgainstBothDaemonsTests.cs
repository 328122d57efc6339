using System.Text;

namespace Sanlock.InteropTests.Daemon;

/// <summary>The real <c>sanlock client</c> rindex commands (format, create, lookup, update, delete, rebuild) run the
/// same script against the real 3.8.5 daemon and against ours: same printed results, same <c>direct dump</c>, same
/// bytes on disk (apart from the CLEAR leader's write_timestamp and the checksum covering it).</summary>
public sealed class RindexAgainstBothDaemonsTests
{
    private const int OneMiB = 1 << 20;

    [Theory]
    [InlineData(512, 1)]
    [InlineData(4096, 8)]
    public void RindexScript_GivesSameOutputAndDiskAsRealDaemon(int sectorSize, int alignMiB)
    {
        int area = alignMiB * OneMiB;
        var real = RunScript(useReal: true, sectorSize, alignMiB);
        var ours = RunScript(useReal: false, sectorSize, alignMiB);
        Assert.Equal(real.Lines, ours.Lines);
        Assert.Equal(real.Dump, ours.Dump);
        Assert.Equal(real.Image.Length, ours.Image.Length);
        // rindex area (header + entries) byte for byte.
        Assert.Equal(real.Image[..area], ours.Image[..area]);
        // resource leases after rindex_lease: fresh leaders, a deleted one with the CLEAR magic.
        Assert.Equal(Masked(real.Image[(2 * area)..], area), Masked(ours.Image[(2 * area)..], area));
    }

    private static ScriptResult RunScript(bool useReal, int sectorSize, int alignMiB)
    {
        ulong area = (ulong)alignMiB * OneMiB;
        string Slot(int n, int plus = 0) => ((2 + (ulong)n) * area + (ulong)plus).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var dir = new DaemonTestDir();
        dir.InitLeases("LS");
        var rxPath = dir.Lease("rx");
        File.WriteAllBytes(rxPath, []);
        Tools.Run("/bin/chown", ["sanlock:sanlock", rxPath]).EnsureSuccess();
        using IDisposable daemon = useReal ? RealDaemon.Start(dir.RunDir) : OurDaemon.Start(dir.RunDir);
        ProcessResult Client(params string[] args) => useReal ? ((RealDaemon)daemon).Client(args) : ((OurDaemon)daemon).Client(args);

        string rx = $"LS:{rxPath}:0";
        var lines = new List<string>();
        void Step(params string[] args)
        {
            var result = Client(args);
            lines.Add($"{string.Join(' ', args).Replace(rxPath, "RX", StringComparison.Ordinal)} => {result.ExitCode}: {result.Stdout.Trim()}");
        }

        Step("lookup", "-x", rx);
        Step("format", "-x", rx, "-Z", sectorSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "-A", $"{alignMiB}M");
        Step("create", "-x", rx, "-e", "r1");
        Client("add_lockspace", "-s", $"LS:1:{dir.Lease("ls")}:0").EnsureSuccess();
        Step("lookup", "-x", rx);
        Step("lookup", "-x", "LX:" + rxPath + ":0");
        Step("lookup", "-x", $"LS:{rxPath}:512");
        Step("create", "-x", rx, "-e", "r1");
        Step("create", "-x", rx, "-e", "r2");
        Step("create", "-x", rx, "-e", "r3");
        Step("lookup", "-x", rx, "-e", "r2");
        Step("lookup", "-x", rx, "-e", $":{Slot(1)}");
        Step("lookup", "-x", rx, "-e", $":{Slot(4)}");
        Step("lookup", "-x", rx, "-e", $":{Slot(2, 1)}");
        Step("lookup", "-x", rx, "-e", $"r1:{Slot(1)}");
        Step("lookup", "-x", rx, "-e", "zz");
        Step("lookup", "-x", rx);
        Step("delete", "-x", rx, "-e", "r2");
        Step("delete", "-x", rx, "-e", "r2");
        Step("delete", "-x", rx, "-e", $":{Slot(0)}");
        Step("lookup", "-x", rx);
        Step("update", "-x", rx, "-e", $"r9:{Slot(5)}");
        Step("update", "-x", rx, "-e", "r9");
        Step("update", "-x", rx, "-e", $"r8:{Slot(6)}");
        Step("update", "-x", rx, "-e", $":{Slot(6)}", "-z", "1");
        Step("lookup", "-x", rx, "-e", "r9");
        Step("create", "-x", rx, "-e", "r4");
        Step("lookup", "-x", rx);
        // Lose the entry sector, then rebuild it from the leases (r9's entry has no lease and goes).
        using (var file = new FileStream(rxPath, FileMode.Open, FileAccess.Write))
        {
            file.Position = sectorSize;
            file.Write(new byte[sectorSize]);
        }
        Step("lookup", "-x", rx, "-e", "r1");
        Step("rebuild", "-x", rx);
        Step("lookup", "-x", rx, "-e", "r1");
        Step("lookup", "-x", rx, "-e", "r9");

        var dump = Tools.Run("/usr/sbin/sanlock", ["direct", "dump", rxPath + ":0"]).EnsureSuccess().Stdout.Replace(rxPath, "RX", StringComparison.Ordinal);
        return new ScriptResult(string.Join('\n', lines), dump, File.ReadAllBytes(rxPath));
    }

    /// <summary>Zeroes, in every resource area, the leader checksum and write_timestamp (the CLEAR leader records the
    /// daemon's monotonic clock there).</summary>
    private static byte[] Masked(byte[] areas, int areaSize)
    {
        var copy = (byte[])areas.Clone();
        for (int area = 0; area + areaSize <= copy.Length; area += areaSize)
        {
            copy.AsSpan(area + 168, 4).Clear();
            copy.AsSpan(area + 192, 8).Clear();
        }
        return copy;
    }

    private sealed record ScriptResult(string Lines, string Dump, byte[] Image)
    {
        public override string ToString() => new StringBuilder().AppendLine(Lines).Append(Dump).ToString();
    }
}
