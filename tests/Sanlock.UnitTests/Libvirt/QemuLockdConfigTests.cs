using Sanlock.Libvirt;
using Sanlock.Libvirt.Conf;

namespace Sanlock.UnitTests.Libvirt;

/// <summary>qemu-lockd.conf; key order checked against libvirt 9.0.0's lockd plugin.</summary>
public class QemuLockdConfigTests
{
    private static QemuLockdConfig Load(string text) => QemuLockdConfig.FromConf(LibvirtConfParser.Parse(text, "l.conf"));

    [Fact]
    public void Defaults_AreAutoDirectMode()
    {
        QemuLockdConfig d = QemuLockdConfig.Defaults;
        Assert.True(d.AutoDiskLeases);
        Assert.True(d.RequireLeaseForDisks);
        Assert.Null(d.FileLockspaceDir);
        Assert.Null(d.LvmLockspaceDir);
        Assert.Null(d.ScsiLockspaceDir);
        Assert.Empty(d.LockspaceDirs);
    }

    [Fact]
    public void Load_WhenFileExistsWithoutRequireKey_RequireIsOppositeOfAuto()
    {
        Assert.False(Load("# nothing\n").RequireLeaseForDisks);
        QemuLockdConfig manual = Load("auto_disk_leases = 0\n");
        Assert.False(manual.AutoDiskLeases);
        Assert.True(manual.RequireLeaseForDisks);
    }

    [Fact]
    public void Load_ReadsTheThreeDirectories()
    {
        QemuLockdConfig c = Load("""
            file_lockspace_dir = "/var/lib/libvirt/lockd/files"
            lvm_lockspace_dir = "/var/lib/libvirt/lockd/lvmvolumes"
            scsi_lockspace_dir = "/var/lib/libvirt/lockd/scsivolumes"
            require_lease_for_disks = 1
            """);
        Assert.Equal("/var/lib/libvirt/lockd/files", c.FileLockspaceDir);
        Assert.Equal("/var/lib/libvirt/lockd/lvmvolumes", c.LvmLockspaceDir);
        Assert.Equal("/var/lib/libvirt/lockd/scsivolumes", c.ScsiLockspaceDir);
        Assert.True(c.RequireLeaseForDisks);
        Assert.Equal(
            ["/var/lib/libvirt/lockd/files", "/var/lib/libvirt/lockd/lvmvolumes", "/var/lib/libvirt/lockd/scsivolumes"],
            c.LockspaceDirs);
    }

    [Theory]
    [InlineData("require_lease_for_disks = 2\nauto_disk_leases = 2\n", "internal error: l.conf: value for 'auto_disk_leases' parameter must be 0 or 1")]
    [InlineData("require_lease_for_disks = 2\nfile_lockspace_dir = 1\n", "internal error: l.conf: expected a string for 'file_lockspace_dir' parameter")]
    [InlineData("scsi_lockspace_dir = 1\nlvm_lockspace_dir = 1\n", "internal error: l.conf: expected a string for 'lvm_lockspace_dir' parameter")]
    [InlineData("require_lease_for_disks = 2\nscsi_lockspace_dir = 1\n", "internal error: l.conf: expected a string for 'scsi_lockspace_dir' parameter")]
    [InlineData("require_lease_for_disks = 2\n", "internal error: l.conf: value for 'require_lease_for_disks' parameter must be 0 or 1")]
    public void Load_ReportsTheFirstBadKeyInLibvirtsOrder(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<LibvirtException>(() => Load(text)).Message);
    }
}
