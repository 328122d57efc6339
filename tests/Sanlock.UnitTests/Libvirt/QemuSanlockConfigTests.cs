using Sanlock.Libvirt;
using Sanlock.Libvirt.Conf;

namespace Sanlock.UnitTests.Libvirt;

/// <summary>Loading and validation of qemu-sanlock.conf; messages and key order checked against libvirt's plugin.</summary>
public class QemuSanlockConfigTests
{
    private static QemuSanlockConfig Load(string text) =>
        QemuSanlockConfig.FromConf(LibvirtConfParser.Parse(text, "s.conf"), FakeAccountDatabase.Instance);

    private static string ErrorOf(string text) => Assert.Throws<LibvirtException>(() => Load(text)).Message;

    [Fact]
    public void Defaults_AreManualModeWithTheStandardDirectory()
    {
        QemuSanlockConfig d = QemuSanlockConfig.Defaults;
        Assert.False(d.AutoDiskLeases);
        Assert.Equal("/var/lib/libvirt/sanlock", d.DiskLeaseDir);
        Assert.Equal(0u, d.HostId);
        Assert.True(d.RequireLeaseForDisks);
        Assert.Equal(0u, d.IoTimeoutSeconds);
        Assert.Null(d.UserId);
        Assert.Null(d.GroupId);
        Assert.Equal("/var/lib/libvirt/sanlock/__LIBVIRT__DISKS__", d.LockspacePath);
        Assert.Equal(d, Load(""));
    }

    [Fact]
    public void Load_ReadsEveryKey()
    {
        QemuSanlockConfig c = Load("""
            auto_disk_leases = 1
            host_id = 3
            disk_lease_dir = "/srv/vm-leases/"
            io_timeout = 10
            user = "sanlock"
            group = "+42"
            """);
        Assert.True(c.AutoDiskLeases);
        Assert.Equal(3u, c.HostId);
        Assert.Equal("/srv/vm-leases/", c.DiskLeaseDir);
        Assert.Equal("/srv/vm-leases//__LIBVIRT__DISKS__", c.LockspacePath);
        Assert.Equal(10u, c.IoTimeoutSeconds);
        Assert.Equal(179u, c.UserId);
        Assert.Equal(42u, c.GroupId);
    }

    [Theory]
    [InlineData("auto_disk_leases = 1\nhost_id = 1\n", false)]
    [InlineData("auto_disk_leases = 0\n", true)]
    [InlineData("auto_disk_leases = 1\nhost_id = 1\nrequire_lease_for_disks = 1\n", true)]
    [InlineData("require_lease_for_disks = 0\n", false)]
    public void RequireLeaseForDisks_DefaultsToTheOppositeOfAutoMode(string text, bool expected)
    {
        Assert.Equal(expected, Load(text).RequireLeaseForDisks);
    }

    [Theory]
    [InlineData("auto_disk_leases = 1\n")]
    [InlineData("auto_disk_leases = 1\nhost_id = 0\n")]
    public void Load_WhenAutoModeHasNoHostId_Throws(string text)
    {
        Assert.Equal("internal error: Automatic disk lease mode enabled, but no host ID is set", ErrorOf(text));
    }

    [Theory]
    [InlineData("host_id = \"x\"\nauto_disk_leases = 2\n", "internal error: s.conf: value for 'auto_disk_leases' parameter must be 0 or 1")]
    [InlineData("host_id = \"x\"\ndisk_lease_dir = 1\n", "internal error: s.conf: expected a string for 'disk_lease_dir' parameter")]
    [InlineData("require_lease_for_disks = 5\nhost_id = \"x\"\n", "internal error: s.conf: expected an unsigned integer for 'host_id' parameter")]
    [InlineData("io_timeout = \"x\"\nrequire_lease_for_disks = 5\n", "internal error: s.conf: value for 'require_lease_for_disks' parameter must be 0 or 1")]
    [InlineData("user = 5\nio_timeout = -1\n", "internal error: s.conf: expected an unsigned integer for 'io_timeout' parameter")]
    [InlineData("group = 6\nuser = 5\n", "internal error: s.conf: expected a string for 'user' parameter")]
    [InlineData("group = 6\n", "internal error: s.conf: expected a string for 'group' parameter")]
    [InlineData("user = \"nosuch\"\nauto_disk_leases = 1\n", "invalid argument: Failed to parse user 'nosuch'")]
    [InlineData("group = \"nosuchgroup\"\n", "invalid argument: Failed to parse group 'nosuchgroup'")]
    [InlineData("host_id = 4294967296\n", "internal error: s.conf: value for 'host_id' parameter must be in range 0:4294967295")]
    public void Load_ReportsTheFirstBadKeyInLibvirtsOrder(string text, string message)
    {
        Assert.Equal(message, ErrorOf(text));
    }

    [Theory]
    [InlineData("ignore_readonly_and_shared_disks = \"x\"\n")]
    [InlineData("ignore_readonly_and_shared_disks = 1\nlock_manager = [1]\n")]
    public void Load_IgnoresUnknownAndUnusedKeys(string text)
    {
        Assert.Equal(QemuSanlockConfig.Defaults, Load(text));
    }
}
