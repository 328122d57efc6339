using System.Diagnostics;
using Sanlock.Client;
using Sanlock.InteropTests.Daemon;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.InteropTests.Libvirt;

/// <summary>Two of our daemons as two hosts on one lease directory, both started with <c>--libvirt-conf</c>
/// (spec libvirt §3, §4, §7 scenarios 1 and 7).</summary>
public sealed class AutoDiskLeaseTests : IDisposable
{
    private const string Disk = "/var/lib/libvirt/images/demo.img";
    private readonly LibvirtHosts _hosts = new();

    public void Dispose() => _hosts.Dispose();

    [Fact]
    public void DiskRun_HeldOnHost1_RefusedOnHost2AndOnHost1Again()
    {
        _hosts.StartJoinedHost(1);
        _hosts.StartJoinedHost(2);
        string conf1 = Path.Combine(_hosts.Dir.Root, "host1.conf");
        string conf2 = Path.Combine(_hosts.Dir.Root, "host2.conf");
        int holder = _hosts.StartHolder(_hosts.RunDir(1), conf1, Disk);

        var otherHost = LibvirtHosts.Cli(_hosts.RunDir(2), "disk", "run", "--config", conf2, Disk, "--", "/bin/true");
        var sameHost = LibvirtHosts.Cli(_hosts.RunDir(1), "disk", "run", "--config", conf1, Disk, "--", "/bin/true");

        Assert.Equal(1, otherHost.ExitCode);
        Assert.Equal("sanlock disk: resource busy: Failed to acquire lock: Lease is held by another host\n", otherHost.Stderr);
        Assert.Equal(1, sameHost.ExitCode);
        Assert.Equal("sanlock disk: Failed to acquire lock: File exists\n", sameHost.Stderr);
        Assert.True(File.Exists(_hosts.LeaseFile(Disk)));
        Assert.Equal(("root", "root", "600", 1L << 20), LibvirtHosts.StatOf(_hosts.LeaseFile(Disk)));

        _hosts.StopHolder(holder);
        var afterRelease = LibvirtHosts.Cli(_hosts.RunDir(2), "disk", "run", "--config", conf2, Disk, "--", "/bin/sh", "-c", "exit 7");
        Assert.Equal(7, afterRelease.ExitCode);
    }

    [Fact]
    public void DiskAcquire_ForRegisteredPid_InquireShowsStateAndReleaseFreesIt()
    {
        _hosts.StartJoinedHost(1);
        _hosts.StartJoinedHost(2);
        string conf1 = Path.Combine(_hosts.Dir.Root, "host1.conf");
        string conf2 = Path.Combine(_hosts.Dir.Root, "host2.conf");
        const string shared = "/srv/shared disk:1.img";
        int pid = _hosts.StartHolder(_hosts.RunDir(1), conf1); // registered, no disks yet
        string run1 = _hosts.RunDir(1);
        string pidText = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);

        LibvirtHosts.Cli(run1, "disk", "acquire", "--pid", pidText, "--config", conf1, Disk, "--shared", shared, "--readonly", "/iso/boot.iso").EnsureSuccess();
        var state = LibvirtHosts.Cli(run1, "disk", "inquire", "--pid", pidText, "--config", conf1).EnsureSuccess().Stdout.Trim();
        var sharedOnHost2 = LibvirtHosts.Cli(_hosts.RunDir(2), "disk", "run", "--config", conf2, "--shared", shared, "--", "/bin/true");
        var exclusiveOnHost2 = LibvirtHosts.Cli(_hosts.RunDir(2), "disk", "run", "--config", conf2, Disk, "--", "/bin/true");
        LibvirtHosts.Cli(run1, "disk", "release", "--pid", pidText, "--config", conf1, Disk, "--shared", shared).EnsureSuccess();
        var stateAfter = LibvirtHosts.Cli(run1, "disk", "inquire", "--pid", pidText, "--config", conf1).EnsureSuccess().Stdout.Trim();
        var exclusiveAfter = LibvirtHosts.Cli(_hosts.RunDir(2), "disk", "run", "--config", conf2, Disk, "--", "/bin/true");

        string name = LibvirtHosts.LeaseName(Disk);
        string sharedName = LibvirtHosts.LeaseName(shared);
        Assert.Equal($"{LibvirtHosts.Lockspace}:{name}:{_hosts.LeaseDir}/{name}:0:1 {LibvirtHosts.Lockspace}:{sharedName}:{_hosts.LeaseDir}/{sharedName}:0:SH", state);
        Assert.False(File.Exists(_hosts.LeaseFile("/iso/boot.iso")), "a read-only disk gets no lease");
        Assert.Equal(0, sharedOnHost2.ExitCode);
        Assert.Equal(1, exclusiveOnHost2.ExitCode);
        Assert.Equal(string.Empty, stateAfter);
        Assert.Equal(0, exclusiveAfter.ExitCode);
    }

    [Fact]
    public void DiskRun_MoreThanEightDisks_RefusedBeforeTouchingTheDaemon()
    {
        _hosts.StartJoinedHost(1);
        string conf1 = Path.Combine(_hosts.Dir.Root, "host1.conf");
        string[] disks = [.. Enumerable.Range(0, 9).Select(i => $"/img/d{i}")];

        var result = LibvirtHosts.Cli(_hosts.RunDir(1), ["disk", "run", "--config", conf1, .. disks, "--", "/bin/true"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("sanlock disk: internal error: Too many resources 8 for object\n", result.Stderr);
        Assert.Equal([LibvirtHosts.Lockspace], Directory.GetFiles(_hosts.LeaseDir).Select(Path.GetFileName));
    }

    [Fact]
    public void TwoHosts_StartingAtTheSameMoment_BothJoinOneLockspaceFile()
    {
        string conf1 = _hosts.WriteConf(1);
        string conf2 = _hosts.WriteConf(2);

        var clock = Stopwatch.StartNew();
        _hosts.StartDaemon(1, conf1);
        _hosts.StartDaemon(2, conf2);
        _hosts.WaitJoined(_hosts.RunDir(1), 1);
        _hosts.WaitJoined(_hosts.RunDir(2), 2);
        int holder = _hosts.StartHolder(_hosts.RunDir(1), conf1, Disk);
        var refused = LibvirtHosts.Cli(_hosts.RunDir(2), "disk", "run", "--config", conf2, Disk, "--", "/bin/true");

        Assert.Equal([LibvirtHosts.Lockspace, LibvirtHosts.LeaseName(Disk)], Directory.GetFiles(_hosts.LeaseDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(1L << 20, new FileInfo(_hosts.LockspacePath).Length);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Lease is held by another host", refused.Stderr, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        _hosts.StopHolder(holder);
    }

    [Fact]
    public void Daemon_LockspaceFileStillBeingFormattedByAnotherHost_JoinsOnceItIsWritten()
    {
        // Another host won the exclusive create and has not formatted the file yet: libvirt 9.0.0 would give up.
        using (File.Create(_hosts.LockspacePath))
        {
        }
        var daemon = _hosts.StartDaemon(1, _hosts.WriteConf(1));
        Thread.Sleep(TimeSpan.FromSeconds(2));
        using (var file = new FileStream(_hosts.LockspacePath, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(1L << 20);
        }
        Tools.Run("/usr/sbin/sanlock", ["direct", "init", "-s", $"{LibvirtHosts.Lockspace}:0:{_hosts.LockspacePath}:0", "-o", "1"]).EnsureSuccess();

        _hosts.WaitJoined(_hosts.RunDir(1), 1);

        Assert.False(daemon.HasExited);
    }

    [Fact]
    public void Daemon_HostIdAlreadyInUse_FailsStartUpUnlessLenient()
    {
        _hosts.StartJoinedHost(1);
        string twin = _hosts.WriteConf(1, name: "twin.conf");
        var lockspace = new SanlkLockspace(LibvirtHosts.Lockspace, 1, LockspaceFlags.None, new SanlkDisk(_hosts.LockspacePath, 0));

        var lenient = _hosts.StartDaemon(8, twin, "--libvirt-lenient");
        var clock = Stopwatch.StartNew();
        var strict = _hosts.RunDaemonToExit(7, "--libvirt-conf", twin);
        var took = clock.Elapsed;
        var lenientClient = new SanlockClient(Path.Combine(_hosts.RunDir(8), "sanlock.sock"));
        while (lenientClient.InqLockspace(lockspace).Result == -115 && clock.Elapsed < TimeSpan.FromSeconds(150))
        {
            Thread.Sleep(200);
        }

        Assert.Equal(1, strict.ExitCode);
        Assert.EndsWith($"sanlock daemon: start-up failed: internal error: Unable to add lockspace {_hosts.LockspacePath}: Lease host ID is being used by another host\n",
            strict.Stderr, StringComparison.Ordinal);
        Assert.False(lenient.HasExited, "--libvirt-lenient carries on after the failed join");
        Assert.Equal(-2, lenientClient.InqLockspace(lockspace).Result);
        Assert.Equal(0, new SanlockClient(Path.Combine(_hosts.RunDir(1), "sanlock.sock")).InqLockspace(lockspace).Result);
        Assert.True(took > TimeSpan.FromSeconds(8), $"refused after {took}: sanlock first waits out the current owner");
    }
}
