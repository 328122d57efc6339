using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Libvirt;

/// <summary><c>auto_disk_leases = 0</c> (spec libvirt §4.1, §4.2): disks get no leases; with
/// <c>require_lease_for_disks</c> on (its default in manual mode) a writable, non-shared disk is refused.</summary>
public sealed class ManualModeTests : IDisposable
{
    private readonly LibvirtHosts _hosts = new();
    private readonly OurDaemon _daemon;

    public ManualModeTests()
    {
        Directory.CreateDirectory(_hosts.RunDir(1));
        _daemon = OurDaemon.Start(_hosts.RunDir(1), "host1");
    }

    public void Dispose()
    {
        _daemon.Dispose();
        _hosts.Dispose();
    }

    private string Conf(string text)
    {
        string path = Path.Combine(_hosts.Dir.Root, "manual.conf");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void RequireLeaseForDisks_ByDefault_RefusesWritableDisk_RunsSharedAndReadOnlyWithoutLeases()
    {
        string conf = Conf($"disk_lease_dir = \"{_hosts.LeaseDir}\"\n");

        var writable = LibvirtHosts.Cli(_hosts.RunDir(1), "disk", "run", "--config", conf, "/img/a", "--", "/bin/true");
        var others = LibvirtHosts.Cli(_hosts.RunDir(1), "disk", "run", "--config", conf, "--shared", "/img/s", "--readonly", "/img/r", "--", "/bin/sh", "-c", "exit 3");

        Assert.Equal((1, "sanlock disk: unsupported configuration: Read/write, exclusive access, disks were present, but no leases specified\n"),
            (writable.ExitCode, writable.Stderr));
        Assert.Equal(3, others.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(_hosts.LeaseDir));
    }

    [Fact]
    public void RequireLeaseForDisksOff_RunsWritableDiskWithoutLease()
    {
        string conf = Conf($"disk_lease_dir = \"{_hosts.LeaseDir}\"\nrequire_lease_for_disks = 0\n");

        var run = LibvirtHosts.Cli(_hosts.RunDir(1), "disk", "run", "--config", conf, "/img/a", "--", "/bin/sh", "-c", "exit 5");

        Assert.Equal((5, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Empty(Directory.GetFileSystemEntries(_hosts.LeaseDir));
    }
}
