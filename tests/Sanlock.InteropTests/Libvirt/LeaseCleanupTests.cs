using System.Diagnostics;
using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Libvirt;

/// <summary><c>tools/virt-sanlock-cleanup</c> across hosts (spec libvirt §5, §7 scenario 6): a lease held on one of
/// our hosts and one held on a real sanlock 3.8.5 host survive, a free one is deleted.</summary>
public sealed class LeaseCleanupTests : IDisposable
{
    private const string HeldHere = "/img/held-on-host1.img";
    private const string HeldOnReal = "/img/held-on-real-host3.img";
    private const string Free = "/img/free.img";
    private readonly LibvirtHosts _hosts = new();
    private RealDaemon? _real;

    /// <summary>The real daemon first: its stop script needs the pid file inside the hosts' directory.</summary>
    public void Dispose()
    {
        _real?.Dispose();
        _hosts.Dispose();
    }

    private static string Script => Path.Combine(Tools.RepoRoot(), "tools", "virt-sanlock-cleanup");

    [Fact]
    public void Cleanup_DeletesOnlyLeasesNoHostHolds()
    {
        const string owner = "user = \"sanlock\"\ngroup = \"sanlock\"\n";
        _hosts.StartJoinedHost(1, owner);
        _hosts.StartJoinedHost(2, owner);
        string conf1 = Path.Combine(_hosts.Dir.Root, "host1.conf");
        string conf2 = Path.Combine(_hosts.Dir.Root, "host2.conf");
        string conf3 = _hosts.WriteConf(3, owner);
        string realRun = _hosts.RunDir(3);
        _real = RealDaemon.Start(realRun);
        // The real daemon joins through the same set-up code libvirt's plugin would run against it.
        LibvirtHosts.Cli(realRun, "disk", "join", "--config", conf3).EnsureSuccess();
        _hosts.StartHolder(_hosts.RunDir(1), conf1, HeldHere);
        int realHolder = _hosts.StartHolder(realRun, conf3, HeldOnReal);
        LibvirtHosts.Cli(_hosts.RunDir(2), "disk", "run", "--config", conf2, Free, "--", "/bin/true").EnsureSuccess();
        string[] files = [_hosts.LeaseFile(HeldHere), _hosts.LeaseFile(HeldOnReal), _hosts.LeaseFile(Free)];
        Assert.All(files, f => Assert.True(File.Exists(f), f));

        var dryRun = Tools.Run(Script, ["--dry-run", "--config", conf2], _hosts.RunDir(2));
        bool allAfterDryRun = files.All(File.Exists);
        var clock = Stopwatch.StartNew();
        var cleanup = Tools.Run(Script, ["--config", conf2], _hosts.RunDir(2));
        var took = clock.Elapsed;
        var quiet = Tools.Run(Script, ["-q", "--config", conf2], _hosts.RunDir(2));

        string Line(string disk, string verdict) =>
            $"Cleanup: {LibvirtHosts.Lockspace}:{LibvirtHosts.LeaseName(disk)}:{_hosts.LeaseFile(disk)}:0 {verdict}";
        var expected = new[] { (HeldHere, "FAIL"), (HeldOnReal, "FAIL"), (Free, "PASS") }
            .OrderBy(p => LibvirtHosts.LeaseName(p.Item1), StringComparer.Ordinal)
            .Select(p => Line(p.Item1, p.Item2));
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Equal(string.Join('\n', expected) + "\n", dryRun.Stdout);
        Assert.True(allAfterDryRun, "--dry-run deletes nothing");
        Assert.Equal(0, cleanup.ExitCode);
        Assert.Equal(dryRun.Stdout, cleanup.Stdout);
        Assert.True(File.Exists(_hosts.LeaseFile(HeldHere)));
        Assert.True(File.Exists(_hosts.LeaseFile(HeldOnReal)));
        Assert.False(File.Exists(_hosts.LeaseFile(Free)));
        Assert.True(File.Exists(_hosts.LockspacePath));
        Assert.Equal((0, string.Empty), (quiet.ExitCode, quiet.Stdout));
        Assert.True(took < TimeSpan.FromSeconds(30), $"cleanup took {took}");

        _hosts.StopHolder(realHolder);
        var afterRealRelease = Tools.Run(Script, ["--config", conf2], _hosts.RunDir(2));
        Assert.Contains(Line(HeldOnReal, "PASS"), afterRealRelease.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(_hosts.LeaseFile(HeldOnReal)));
    }

    [Fact]
    public void Cleanup_UnreadableLeaseDir_ExitsOneNamingIt()
    {
        string missing = Path.Combine(_hosts.Dir.Root, "no-such-dir");
        string conf = _hosts.WriteConf(1, leaseDir: missing);

        var result = Tools.Run(Script, ["--config", conf], _hosts.Dir.RunDir);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"virt-sanlock-cleanup: cannot read lease directory {missing}: No such file or directory\n", result.Stderr);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
