namespace Sanlock.InteropTests.Libvirt;

/// <summary>Bad qemu-sanlock.conf files and disks (spec libvirt §1.2, §2.1, §3.2, §4.1, §7): the spec's message,
/// a non-zero exit, and nothing created in the lease directory.</summary>
public sealed class LibvirtBadInputTests : IDisposable
{
    private readonly LibvirtHosts _hosts = new();

    public void Dispose() => _hosts.Dispose();

    private string Conf(string text)
    {
        string path = Path.Combine(_hosts.Dir.Root, "bad.conf");
        File.WriteAllText(path, text);
        return path;
    }

    public static TheoryData<string, string> BadConfigs => new()
    {
        { "auto_disk_leases = 1\nhost_id = \n", "configuration file syntax error: {0}:2: expecting a value" },
        { "auto_disk_leases = 1\nhost_id 1\n", "configuration file syntax error: {0}:2: expecting an assignment" },
        { "auto_disk_leases = 1\ndisk_lease_dir = \"/x\n", "configuration file syntax error: {0}:2: unterminated string" },
        { "auto_disk_leases = 2\n", "internal error: {0}: value for 'auto_disk_leases' parameter must be 0 or 1" },
        { "auto_disk_leases = 1\nhost_id = \"one\"\n", "internal error: {0}: expected an unsigned integer for 'host_id' parameter" },
        { "auto_disk_leases = 1\n", "internal error: Automatic disk lease mode enabled, but no host ID is set" },
        { "auto_disk_leases = 1\nhost_id = 1\nuser = \"no-such-user-lvtest\"\n", "invalid argument: Failed to parse user 'no-such-user-lvtest'" },
        { "auto_disk_leases = 1\nhost_id = 1\ngroup = \"+abc\"\n", "invalid argument: Failed to parse group 'abc'" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void BadConfig_RefusedByDiskRunAndDaemon_WithTheSpecsMessage(string text, string message)
    {
        string conf = Conf(text.Replace("/x", _hosts.LeaseDir, StringComparison.Ordinal));
        string expected = string.Format(System.Globalization.CultureInfo.InvariantCulture, message, conf);

        var run = LibvirtHosts.Cli(_hosts.Dir.RunDir, "disk", "run", "--config", conf, "/img/a", "--", "/bin/true");
        var daemon = _hosts.RunDaemonToExit(1, "--libvirt-conf", conf);

        Assert.Equal((1, $"sanlock disk: {expected}\n"), (run.ExitCode, run.Stderr));
        Assert.Equal(1, daemon.ExitCode);
        Assert.EndsWith($"sanlock daemon: {expected}\n", daemon.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_hosts.LeaseDir));
        Assert.False(File.Exists(Path.Combine(_hosts.RunDir(1), "sanlock.sock")), "the daemon never listened");
    }

    [Fact]
    public void MissingLeaseDir_FailsDaemonStartUp_LenientCarriesOnAndDiskRunNamesTheFile()
    {
        string missing = Path.Combine(_hosts.Dir.Root, "no-such-dir");
        string conf = _hosts.WriteConf(1, leaseDir: missing);
        string lockspace = $"{missing}/__LIBVIRT__DISKS__";

        var strict = _hosts.RunDaemonToExit(1, "--libvirt-conf", conf);
        var lenient = _hosts.StartDaemon(2, conf, "--libvirt-lenient");
        var run = LibvirtHosts.Cli(_hosts.RunDir(2), "disk", "run", "--config", conf, "/img/a", "--", "/bin/true");

        Assert.Equal(1, strict.ExitCode);
        Assert.EndsWith($"sanlock daemon: start-up failed: internal error: Unable to create lockspace {lockspace}: parent directory does not exist or is not a directory\n",
            strict.Stderr, StringComparison.Ordinal);
        Assert.False(lenient.HasExited);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"sanlock disk: Unable to create lockspace {missing}/{LibvirtHosts.LeaseName("/img/a")}: No such file or directory\n", run.Stderr);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void DiskPathOver1024Bytes_IsLockedByItsMd5AsLibvirtDoes()
    {
        _hosts.StartJoinedHost(1);
        string conf = Path.Combine(_hosts.Dir.Root, "host1.conf");
        string longDisk = "/img/" + new string('d', 1500);

        var run = LibvirtHosts.Cli(_hosts.RunDir(1), "disk", "run", "--config", conf, longDisk, "--", "/bin/true");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(32, LibvirtHosts.LeaseName(longDisk).Length);
        Assert.True(File.Exists(_hosts.LeaseFile(longDisk)));
    }

    [Fact]
    public void LeasePathOf1024Bytes_RefusedWithTheSpecsMessage_NothingCreated()
    {
        _hosts.StartJoinedHost(1);
        // <dir>/<32 hex> must stay under 1024 bytes: nest directories (each name under 255 bytes) to reach exactly 1024.
        string deep = _hosts.LeaseDir;
        while (deep.Length < 1024 - 33)
        {
            deep += "/" + new string('x', Math.Min(200, 1024 - 33 - deep.Length - 1));
        }
        Directory.CreateDirectory(deep);
        string conf = _hosts.WriteConf(1, leaseDir: deep, name: "deep.conf");
        string leasePath = $"{deep}/{LibvirtHosts.LeaseName("/img/a")}";

        var run = LibvirtHosts.Cli(_hosts.RunDir(1), "disk", "run", "--config", conf, "/img/a", "--", "/bin/true");

        Assert.Equal(1024, System.Text.Encoding.UTF8.GetByteCount(leasePath));
        Assert.Equal((1, $"sanlock disk: internal error: Lease path '{leasePath}' exceeds 1024 characters\n"), (run.ExitCode, run.Stderr));
        Assert.Empty(Directory.GetFileSystemEntries(deep));
    }

    [Fact]
    public void DiskCommand_BadArguments_ExitTwoWithUsage()
    {
        var noCommand = LibvirtHosts.Cli(_hosts.Dir.RunDir, "disk", "run", "/img/a");
        var noPid = LibvirtHosts.Cli(_hosts.Dir.RunDir, "disk", "acquire", "/img/a");
        var badPid = LibvirtHosts.Cli(_hosts.Dir.RunDir, "disk", "release", "--pid", "x1", "/img/a");
        var unknown = LibvirtHosts.Cli(_hosts.Dir.RunDir, "virt-sanlock-cleanup", "--force");

        Assert.Equal(2, noCommand.ExitCode);
        Assert.StartsWith("sanlock disk: missing -- COMMAND\n", noCommand.Stderr, StringComparison.Ordinal);
        Assert.Equal((2, "sanlock disk: acquire needs --pid PID\n"), (noPid.ExitCode, noPid.Stderr));
        Assert.StartsWith("sanlock disk: --pid needs a process id, got \"x1\"\n", badPid.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("virt-sanlock-cleanup: unexpected argument \"--force\"\n", unknown.Stderr, StringComparison.Ordinal);
    }
}
