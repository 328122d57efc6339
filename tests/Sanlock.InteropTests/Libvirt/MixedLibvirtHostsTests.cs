using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Libvirt;

/// <summary>
/// A mixed libvirt cluster on one lease directory: host 1 is a real sanlock 3.8.5 daemon driven by libvirt 9.0.0's own
/// sanlock plugin (which creates and joins <c>__LIBVIRT__DISKS__</c> and makes the lease files, owned by the sanlock
/// user the real daemon runs as); host 2 is our daemon with <c>--libvirt-conf</c>. A disk held on either host is
/// refused on the other, and is taken over once its holder is gone.
/// </summary>
public sealed class MixedLibvirtHostsTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string DiskA = "/img/mixed-a";
    private const string DiskB = "/img/mixed-b";
    private readonly LibvirtHosts _hosts = new();

    public void Dispose() => _hosts.Dispose();

    private static string Harness => Path.Combine(Tools.RepoRoot(), "tests", "Sanlock.InteropTests", "Libvirt", "Harness", "libvirt_sanlock_plugin.py");

    private static string[] Drive(string runDir, string conf, params string[] steps) =>
        Tools.Run(Python, [Harness, conf, .. steps], runDir).EnsureSuccess().Stdout.TrimEnd('\n').Split('\n');

    [Fact]
    public void RealPluginOnRealHost_AndOurHost_RefuseEachOthersDisks()
    {
        Directory.CreateDirectory(_hosts.RunDir(1));
        using var real = RealDaemon.Start(_hosts.RunDir(1));
        // Every host of one lease directory names the same owner, so each daemon can open every lease file.
        const string owner = "user = \"sanlock\"\ngroup = \"sanlock\"\n";
        string conf1 = _hosts.WriteConf(1, owner);

        // Host 1 (real): a registered "VM" process, then the plugin creates the lockspace and takes disk A for it.
        int vm1 = _hosts.StartHolder(_hosts.RunDir(1), conf1);
        var host1 = Drive(_hosts.RunDir(1), conf1, $"acquire:{vm1}:{DiskA}");
        Assert.Equal(["init 0 no error", "acquire 0 "], host1);
        Assert.Equal(("sanlock", "sanlock", "600", 1L << 20), LibvirtHosts.StatOf(_hosts.LeaseFile(DiskA)));

        // Host 2 (ours) joins the lockspace the real host made; disk A is refused, disk B is taken.
        _hosts.StartJoinedHost(2, owner);
        string conf2 = Path.Combine(_hosts.Dir.Root, "host2.conf");
        var refused = LibvirtHosts.Cli(_hosts.RunDir(2), "disk", "run", "--config", conf2, DiskA, "--", "/bin/true");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("sanlock disk: resource busy: Failed to acquire lock: Lease is held by another host\n", refused.Stderr);
        int vm2 = _hosts.StartHolder(_hosts.RunDir(2), conf2, DiskB);
        Assert.Equal(("sanlock", "sanlock", "600", 1L << 20), LibvirtHosts.StatOf(_hosts.LeaseFile(DiskB)));

        // The real host's plugin is refused disk B while our host holds it.
        int vm3 = _hosts.StartHolder(_hosts.RunDir(1), conf1);
        Assert.Equal(["init 0 no error", "acquire -1 resource busy: Failed to acquire lock: Lease is held by another host"],
            Drive(_hosts.RunDir(1), conf1, $"acquire:{vm3}:{DiskB}"));

        // Holders gone: each host takes the other's disk.
        _hosts.StopHolder(vm1);
        _hosts.StopHolder(vm2);
        WaitUntil(() => !real.Client("status").Stdout.Contains(LibvirtHosts.LeaseName(DiskA), StringComparison.Ordinal), "the real host to release disk A");
        var taken = LibvirtHosts.Cli(_hosts.RunDir(2), "disk", "run", "--config", conf2, DiskA, "--", "/bin/sh", "-c", "exit 5");
        Assert.Equal(5, taken.ExitCode);
        Assert.Equal(["init 0 no error", "acquire 0 "], Drive(_hosts.RunDir(1), conf1, $"acquire:{vm3}:{DiskB}"));
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }
            Thread.Sleep(200);
        }
    }
}
