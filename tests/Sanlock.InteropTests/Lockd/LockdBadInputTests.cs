using System.Diagnostics;

namespace Sanlock.InteropTests.Lockd;

/// <summary>Bad input gives a clear error, a non-zero exit and leaves nothing locked.</summary>
public sealed class LockdBadInputTests : IDisposable
{
    private readonly LockdTestDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Daemon_WithUnreadableConfig_Exits1NamingTheFile()
    {
        string conf = Path.Combine(_dir.Root, "conf-dir");
        Directory.CreateDirectory(conf);

        var result = LockdCli.Run(_dir.RunDir("a"), ["daemon", "--conf", conf]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Failed to read file '{conf}': Is a directory", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.RunDir("a"), "lockd.sock")));
    }

    [Fact]
    public void Daemon_WithBadConfigValue_Exits1()
    {
        var result = LockdCli.Run(_dir.RunDir("a"), ["daemon", "--conf", _dir.Conf("auto_disk_leases = 7")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("auto_disk_leases", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Daemon_WithMissingLockspaceDir_Exits1NamingTheKey()
    {
        string missing = Path.Combine(_dir.Root, "not-mounted");

        var result = LockdCli.Run(_dir.RunDir("a"), ["daemon", "--conf", _dir.Conf($"file_lockspace_dir = \"{missing}\"")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"file_lockspace_dir {missing} does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Acquire_OfAMissingDisk_LocksNothingAtAll(bool indirect)
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), indirect ? _dir.IndirectConf() : _dir.Conf()));
        string good = _dir.Disk("good.img");
        string missing = Path.Combine(_dir.Root, "images", "missing.img");
        var owner = _dir.Keep(LockdCli.Sleeper());

        var result = host.Cli("acquire", "--pid", LockdCli.Pid(owner), good, missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Unable to open resource {missing}: No such file or directory", result.Stderr, StringComparison.Ordinal);
        AssertNothingLocked(host, owner);
    }

    [Fact]
    public void Acquire_OfADeviceWithoutUuid_IsRefusedAndLocksNothing()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.Conf($"lvm_lockspace_dir = \"{_dir.LockDir}\"", $"file_lockspace_dir = \"{_dir.LockDir}\"")));
        var owner = _dir.Keep(LockdCli.Sleeper());

        var result = host.Cli("acquire", "--pid", LockdCli.Pid(owner), "/dev/null");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches("(Disk '/dev/null' has no UUID: no LV UUID found|cannot name disk '/dev/null': Cannot run '/sbin/lvs')", result.Stderr);
        AssertNothingLocked(host, owner);
    }

    [Fact]
    public void Acquire_ForADeadPid_IsRefused()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.Conf()));
        var gone = LockdCli.Sleeper();
        gone.Kill();
        gone.WaitForExit(5000);

        var result = host.Cli("acquire", "--pid", LockdCli.Pid(gone), _dir.Disk("vm1.img"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"invalid argument: pid {gone.Id} is not a running process", result.Stderr, StringComparison.Ordinal);
        gone.Dispose();
    }

    [Fact]
    public void Release_OfADiskNotLocked_SaysSo()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.Conf()));
        var owner = _dir.Keep(LockdCli.Sleeper());
        string disk = _dir.Disk("vm1.img");

        var result = host.Cli("release", "--pid", LockdCli.Pid(owner), disk);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"resource busy: Lockspace resource '{disk}' is not locked", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_WithoutPidOrDisks_PrintsUsage()
    {
        var noPid = LockdCli.Run(_dir.RunDir("a"), ["acquire", "/x"]);
        var noCommand = LockdCli.Run(_dir.RunDir("a"), ["run", "/x"]);

        Assert.Equal(1, noPid.ExitCode);
        Assert.Contains("--pid PID is required", noPid.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, noCommand.ExitCode);
        Assert.Contains("missing -- COMMAND", noCommand.Stderr, StringComparison.Ordinal);
    }

    private void AssertNothingLocked(LockdDaemon host, Process owner)
    {
        Assert.Empty(host.Cli("inquire", "--pid", LockdCli.Pid(owner)).EnsureSuccess().Stdout);
        Assert.DoesNotContain(LockdCli.Lslocks(), r => r.Pid == host.Pid && r.Type == "POSIX" && r.Path.StartsWith(_dir.Root, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_dir.LockDir));
    }
}
