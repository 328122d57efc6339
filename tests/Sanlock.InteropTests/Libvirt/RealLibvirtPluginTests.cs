using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Libvirt;

/// <summary>libvirt 9.0.0's real sanlock plugin (sanlock.so, via Harness/libvirt_sanlock_plugin.py under
/// /usr/bin/python3) against our daemons: its auto-mode init creates and joins <c>__LIBVIRT__DISKS__</c> through our
/// socket, a VM pid acquires its disks, a second VM on the same host and a VM on another host are refused with
/// libvirt's messages (spec libvirt §3, §4, §7 #4 and #5).</summary>
public sealed class RealLibvirtPluginTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string Plugin = "/usr/lib/x86_64-linux-gnu/libvirt/lock-driver/sanlock.so";
    private readonly LibvirtHosts _hosts = new();

    public void Dispose() => _hosts.Dispose();

    private static string Harness => Path.Combine(Tools.RepoRoot(), "tests", "Sanlock.InteropTests", "Libvirt", "Harness", "libvirt_sanlock_plugin.py");

    private static string[] Drive(string runDir, string conf, params string[] steps)
    {
        var result = Tools.Run(Python, [Harness, conf, .. steps], runDir).EnsureSuccess();
        return result.Stdout.TrimEnd('\n').Split('\n');
    }

    [Fact]
    public void RealPlugin_AutoMode_JoinsThroughOurDaemon_AndExcludesSecondVmOnBothHosts()
    {
        Assert.True(File.Exists(Plugin), $"{Plugin} is missing (package libvirt-sanlock)");
        // Host 1: a plain daemon; the plugin's own init must create and join the lockspace through it.
        Directory.CreateDirectory(_hosts.RunDir(1));
        var host1 = OurDaemon.Start(_hosts.RunDir(1), "host1");
        try
        {
            string conf1 = _hosts.WriteConf(1);
            string conf2 = _hosts.WriteConf(2);
            int vm1 = _hosts.StartHolder(_hosts.RunDir(1), conf1);
            int vm2 = _hosts.StartHolder(_hosts.RunDir(1), conf1);
            string disks = "/img/a,+/img/shared,-/img/boot.iso";
            bool lockspaceBefore = File.Exists(_hosts.LockspacePath);

            var host1Lines = Drive(_hosts.RunDir(1), conf1,
                $"acquire:{vm1}:{disks}", $"inquire:{vm1}:{disks}", $"acquire:{vm2}:/img/a", $"acquire:{vm2}:+/img/shared");
            _hosts.StartJoinedHost(2);
            int vm3 = _hosts.StartHolder(_hosts.RunDir(2), conf2);
            var host2Lines = Drive(_hosts.RunDir(2), conf2, $"acquire:{vm3}:/img/a", $"acquire:{vm3}:+/img/shared");
            var handOver = Drive(_hosts.RunDir(1), conf1, $"release:{vm1}:{disks}", $"acquire:{vm2}:/img/a");

            string a = LibvirtHosts.LeaseName("/img/a");
            string shared = LibvirtHosts.LeaseName("/img/shared");
            Assert.False(lockspaceBefore);
            Assert.Equal("init 0 no error", host1Lines[0]);
            Assert.Equal("acquire 0 ", host1Lines[1]);
            Assert.Equal($"inquire 0 {LibvirtHosts.Lockspace}:{a}:{_hosts.LeaseDir}/{a}:0:1 {LibvirtHosts.Lockspace}:{shared}:{_hosts.LeaseDir}/{shared}:0:SH", host1Lines[2]);
            Assert.Equal("acquire -1 Failed to acquire lock: File exists", host1Lines[3]);
            Assert.Equal("acquire 0 ", host1Lines[4]);
            Assert.Equal(["init 0 no error", "acquire -1 resource busy: Failed to acquire lock: Lease is held by another host", "acquire 0 "], host2Lines);
            Assert.StartsWith("release 0 ", handOver[1], StringComparison.Ordinal);
            Assert.Equal("acquire 0 ", handOver[2]);
            Assert.Equal(("root", "root", "600", 1L << 20), LibvirtHosts.StatOf(_hosts.LockspacePath));
            Assert.False(File.Exists(_hosts.LeaseFile("/img/boot.iso")));
        }
        finally
        {
            host1.Dispose();
        }
    }

    [Fact]
    public void RealPlugin_PreExecRegistration_LeaseLivesAsLongAsTheVmProcess()
    {
        _hosts.StartJoinedHost(1);
        string conf = Path.Combine(_hosts.Dir.Root, "host1.conf");

        var lines = Drive(_hosts.RunDir(1), conf,
            "spawn", "acquire:@1:/img/a", "spawn", "acquire:@2:/img/a", "kill:@1", "acquire:@2:/img/a", "inquire:@2:/img/a");

        string a = LibvirtHosts.LeaseName("/img/a");
        Assert.Equal(8, lines.Length);
        Assert.Matches("^spawn 0 [0-9]+$", lines[1]);
        Assert.Equal("acquire 0 ", lines[2]);
        Assert.Equal("acquire -1 Failed to acquire lock: File exists", lines[4]);
        Assert.Equal("acquire 0 ", lines[6]);
        Assert.Equal($"inquire 0 {LibvirtHosts.Lockspace}:{a}:{_hosts.LeaseDir}/{a}:0:2", lines[7]);
    }
}
