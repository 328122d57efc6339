using System.Text.RegularExpressions;
using Sanlock.Libvirt;
using Sanlock.Libvirt.Conf;

namespace Sanlock.UnitTests.Libvirt;

/// <summary>The commented config files in conf/ must mean "all defaults" and must show every key.</summary>
public partial class ShippedConfFileTests
{
    private static readonly string[] SanlockKeys =
    [
        "auto_disk_leases", "disk_lease_dir", "host_id", "require_lease_for_disks",
        "ignore_readonly_and_shared_disks", "io_timeout", "user", "group",
    ];

    private static readonly string[] LockdKeys =
    [
        "auto_disk_leases", "require_lease_for_disks", "file_lockspace_dir", "lvm_lockspace_dir", "scsi_lockspace_dir",
    ];

    private static string ConfPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sanlock.sln")))
            {
                return Path.Combine(dir.FullName, "conf", name);
            }
        }

        throw new InvalidOperationException("Sanlock.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The file with every <c>#key = value</c> line turned into a statement.</summary>
    private static string Uncommented(string path) => CommentedSetting().Replace(File.ReadAllText(path), "$1");

    [GeneratedRegex(@"^#([a-z_]+ = .*)$", RegexOptions.Multiline)]
    private static partial Regex CommentedSetting();

    [Fact]
    public void QemuSanlockConf_AsShipped_GivesExactlyTheDefaults()
    {
        Assert.Equal(QemuSanlockConfig.Defaults, QemuSanlockConfig.Load(ConfPath("qemu-sanlock.conf"), FakeAccountDatabase.Instance));
    }

    [Fact]
    public void QemuLockdConf_AsShipped_GivesExactlyTheDefaults()
    {
        LibvirtConf? conf = LibvirtConfFile.LoadIfExists(ConfPath("qemu-lockd.conf"));
        Assert.NotNull(conf);
        Assert.Empty(conf.Entries);
        // A present file makes require_lease_for_disks default to !auto_disk_leases = 0; otherwise all defaults.
        Assert.Equal(QemuLockdConfig.Defaults with { RequireLeaseForDisks = false }, QemuLockdConfig.FromConf(conf));
    }

    [Fact]
    public void QemuSanlockConf_Uncommented_ShowsEveryKeyWithItsDefault()
    {
        LibvirtConf conf = LibvirtConfParser.Parse(Uncommented(ConfPath("qemu-sanlock.conf")), "qemu-sanlock.conf");
        Assert.Equal(SanlockKeys.Order(), conf.Entries.Select(e => e.Name).Order());
        QemuSanlockConfig loaded = QemuSanlockConfig.FromConf(conf, FakeAccountDatabase.Instance);
        Assert.Equal(QemuSanlockConfig.Defaults with { UserId = 179, GroupId = 180 }, loaded);
    }

    [Fact]
    public void QemuLockdConf_Uncommented_ShowsEveryKey()
    {
        LibvirtConf conf = LibvirtConfParser.Parse(Uncommented(ConfPath("qemu-lockd.conf")), "qemu-lockd.conf");
        Assert.Equal(LockdKeys.Order(), conf.Entries.Select(e => e.Name).Order());
        QemuLockdConfig loaded = QemuLockdConfig.FromConf(conf);
        Assert.True(loaded.AutoDiskLeases);
        Assert.Equal(3, loaded.LockspaceDirs.Count());
    }
}
