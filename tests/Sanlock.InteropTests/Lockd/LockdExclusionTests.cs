using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Lockd;

/// <summary>Two lockd daemons on one directory stand for two hosts sharing storage: their POSIX locks exclude each
/// other in direct and indirect mode, as two virtlockd daemons' would.</summary>
public sealed class LockdExclusionTests : IDisposable
{
    private readonly LockdTestDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SecondHost_IsRefusedUntilTheFirstReleases(bool indirect)
    {
        string conf = indirect ? _dir.IndirectConf() : _dir.Conf();
        var hostA = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), conf));
        var hostB = _dir.Keep(LockdDaemon.Start(_dir.RunDir("b"), conf));
        string disk = _dir.Disk("vm1.img");
        var ownerA = _dir.Keep(LockdCli.Sleeper());
        var ownerB = _dir.Keep(LockdCli.Sleeper());

        hostA.Cli("acquire", "--pid", LockdCli.Pid(ownerA), disk).EnsureSuccess();
        var refused = hostB.Cli("acquire", "--pid", LockdCli.Pid(ownerB), disk);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("resource busy: Lockspace resource '", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains($"held by pid {hostA.Pid}", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(hostB.Cli("inquire", "--pid", LockdCli.Pid(ownerB)).EnsureSuccess().Stdout);

        hostA.Cli("release", "--pid", LockdCli.Pid(ownerA), disk).EnsureSuccess();
        hostB.Cli("acquire", "--pid", LockdCli.Pid(ownerB), disk).EnsureSuccess();
        Assert.Contains(disk, hostB.Cli("inquire", "--pid", LockdCli.Pid(ownerB)).EnsureSuccess().Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void IndirectLockFile_IsNamedBySha256sumOfThePath_AndDeletedOnRelease()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.IndirectConf()));
        string disk = _dir.Disk("vm1.img");
        var owner = _dir.Keep(LockdCli.Sleeper());

        host.Cli("acquire", "--pid", LockdCli.Pid(owner), disk).EnsureSuccess();

        string sha = Tools.Run("/bin/sh", ["-c", "printf %s \"$1\" | sha256sum", "sh", disk]).EnsureSuccess().Stdout.Split(' ')[0];
        string lockFile = Path.Combine(_dir.LockDir, sha);
        Assert.Equal([lockFile], Directory.GetFiles(_dir.LockDir));
        Assert.Equal("600 0\n", Tools.Run("/usr/bin/stat", ["-c", "%a %s", lockFile]).EnsureSuccess().Stdout);
        Assert.Equal($"exclusive {disk} {lockFile}\n", host.Cli("inquire", "--pid", LockdCli.Pid(owner)).EnsureSuccess().Stdout);

        host.Cli("release", "--pid", LockdCli.Pid(owner), disk).EnsureSuccess();
        Assert.Empty(Directory.GetFiles(_dir.LockDir));
    }

    [Fact]
    public void Lslocks_ShowsPosixLocksOnByteZeroHeldByTheDaemon()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.Conf()));
        string exclusive = _dir.Disk("ex.img");
        string shared = _dir.Disk("sh.img");
        var owner = _dir.Keep(LockdCli.Sleeper());

        host.Cli("acquire", "--pid", LockdCli.Pid(owner), exclusive, "--shared", shared).EnsureSuccess();

        var rows = LockdCli.Lslocks().Where(r => r.Pid == host.Pid && r.Type == "POSIX" && r.Path.StartsWith(_dir.Root, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(new LslocksRow("sanlock", host.Pid, "POSIX", "WRITE", "0", "0", exclusive), rows);
        Assert.Contains(new LslocksRow("sanlock", host.Pid, "POSIX", "READ", "0", "0", shared), rows);
        Assert.DoesNotContain(LockdCli.Lslocks(), r => r.Pid == owner.Id);
    }

    [Fact]
    public void FcntlFromAnotherProgram_IsRefusedWhileHeld()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.Conf()));
        string exclusive = _dir.Disk("ex.img");
        string shared = _dir.Disk("sh.img");
        var owner = _dir.Keep(LockdCli.Sleeper());
        host.Cli("acquire", "--pid", LockdCli.Pid(owner), exclusive, "--shared", shared).EnsureSuccess();

        Assert.NotEqual(0, LockdCli.PythonLockf(exclusive, exclusive: true).ExitCode);
        Assert.NotEqual(0, LockdCli.PythonLockf(exclusive, exclusive: false).ExitCode);
        Assert.NotEqual(0, LockdCli.PythonLockf(shared, exclusive: true).ExitCode);
        Assert.Equal("locked\n", LockdCli.PythonLockf(shared, exclusive: false).EnsureSuccess().Stdout);

        host.Cli("release", "--pid", LockdCli.Pid(owner), exclusive).EnsureSuccess();
        Assert.Equal("locked\n", LockdCli.PythonLockf(exclusive, exclusive: true).EnsureSuccess().Stdout);
    }

    [Fact]
    public void SharedDisk_IsSharedAcrossHostsButRefusesExclusive()
    {
        string conf = _dir.IndirectConf();
        var hostA = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), conf));
        var hostB = _dir.Keep(LockdDaemon.Start(_dir.RunDir("b"), conf));
        string disk = _dir.Disk("shared.img");
        var ownerA = _dir.Keep(LockdCli.Sleeper());
        var ownerB = _dir.Keep(LockdCli.Sleeper());
        var ownerC = _dir.Keep(LockdCli.Sleeper());

        hostA.Cli("acquire", "--pid", LockdCli.Pid(ownerA), "--shared", disk).EnsureSuccess();
        hostB.Cli("acquire", "--pid", LockdCli.Pid(ownerB), "--shared", disk).EnsureSuccess();
        Assert.Equal(1, hostB.Cli("acquire", "--pid", LockdCli.Pid(ownerC), disk).ExitCode);

        // A's last release cannot upgrade to exclusive while B still shares it, so the file stays for B.
        hostA.Cli("release", "--pid", LockdCli.Pid(ownerA), disk).EnsureSuccess();
        Assert.Single(Directory.GetFiles(_dir.LockDir));
        hostB.Cli("release", "--pid", LockdCli.Pid(ownerB), disk).EnsureSuccess();
        Assert.Empty(Directory.GetFiles(_dir.LockDir));
    }

    [Fact]
    public void SameHost_SecondOwner_IsRefusedByTheTable()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.Conf()));
        string disk = _dir.Disk("vm1.img");
        var ownerA = _dir.Keep(LockdCli.Sleeper());
        var ownerB = _dir.Keep(LockdCli.Sleeper());
        host.Cli("acquire", "--pid", LockdCli.Pid(ownerA), disk).EnsureSuccess();

        var refused = host.Cli("acquire", "--pid", LockdCli.Pid(ownerB), disk);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"held by owner pid {ownerA.Id} of this lockd daemon", refused.Stderr, StringComparison.Ordinal);
        var notOwner = host.Cli("release", "--pid", LockdCli.Pid(ownerB), disk);
        Assert.Contains($"internal error: owner {ownerB.Id} does not hold the resource lock", notOwner.Stderr, StringComparison.Ordinal);
    }
}
