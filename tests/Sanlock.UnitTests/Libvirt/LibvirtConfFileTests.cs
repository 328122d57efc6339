using Sanlock.Libvirt;
using Sanlock.Libvirt.Conf;

namespace Sanlock.UnitTests.Libvirt;

public sealed class LibvirtConfFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("libvirt-conf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_WhenFileMissing_GivesDefaults()
    {
        string path = Path.Combine(_dir, "absent.conf");
        Assert.Null(LibvirtConfFile.LoadIfExists(path));
        Assert.Same(QemuSanlockConfig.Defaults, QemuSanlockConfig.Load(path, FakeAccountDatabase.Instance));
        Assert.Same(QemuLockdConfig.Defaults, QemuLockdConfig.Load(path));
    }

    [Fact]
    public void Load_WhenAPathComponentIsAFile_ThrowsUnableToAccess()
    {
        string file = Path.Combine(_dir, "plain");
        File.WriteAllText(file, "");
        string path = file + "/qemu-sanlock.conf";
        var e = Assert.Throws<LibvirtException>(() => LibvirtConfFile.LoadIfExists(path));
        Assert.Equal($"Unable to access config file {path}: Not a directory", e.Message);
    }

    [Fact]
    public void Load_WhenPathIsADirectory_ThrowsFailedToRead()
    {
        var e = Assert.Throws<LibvirtException>(() => LibvirtConfFile.LoadIfExists(_dir));
        Assert.Equal($"Failed to read file '{_dir}': Is a directory", e.Message);
    }

    [Fact]
    public void Load_NamesTheFileAsGivenInSyntaxErrors()
    {
        string path = Path.Combine(_dir, "bad.conf");
        File.WriteAllText(path, "# ok\nhost_id = \n");
        var e = Assert.Throws<LibvirtException>(() => QemuSanlockConfig.Load(path, FakeAccountDatabase.Instance));
        Assert.Equal($"configuration file syntax error: {path}:2: expecting a value", e.Message);
    }

    [Fact]
    public void Load_ReadsUtf8Paths()
    {
        string path = Path.Combine(_dir, "utf8.conf");
        File.WriteAllText(path, "disk_lease_dir = \"/srv/léases\"\n");
        Assert.Equal("/srv/léases", QemuSanlockConfig.Load(path, FakeAccountDatabase.Instance).DiskLeaseDir);
    }

    [Fact]
    public void Load_WithLibcAccounts_ResolvesRoot()
    {
        string path = Path.Combine(_dir, "root.conf");
        File.WriteAllText(path, "user = \"root\"\ngroup = \"root\"\n");
        QemuSanlockConfig config = QemuSanlockConfig.Load(path);
        Assert.Equal(0u, config.UserId);
        Assert.Equal(0u, config.GroupId);
    }
}
