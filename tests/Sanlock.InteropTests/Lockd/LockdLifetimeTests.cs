using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Lockd;

/// <summary>How long locks last: as long as <c>lockd run</c>'s command, or the <c>--pid</c> owner; never longer.</summary>
public sealed class LockdLifetimeTests : IDisposable
{
    private readonly LockdTestDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Run_ExitsWithTheCommandsCode_AndReleasesAfterIt()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.IndirectConf()));
        string disk = _dir.Disk("vm1.img");

        var result = host.Cli("run", disk, "--", "/bin/sh", "-c", "ls \"$0\" | wc -l; exit 7", _dir.LockDir);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("1\n", result.Stdout);
        Assert.True(LockdCli.Eventually(() => Directory.GetFiles(_dir.LockDir).Length == 0), host.Log);
    }

    [Fact]
    public void Run_WhenTheDiskIsHeld_FailsWithTheReasonAndDoesNotRunTheCommand()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.Conf()));
        string disk = _dir.Disk("vm1.img");
        string marker = Path.Combine(_dir.Root, "ran");
        var holder = _dir.Keep(LockdCli.StartRun(host.RunDir, disk));
        Assert.True(LockdCli.Eventually(() => host.Cli("inquire", "--pid", LockdCli.Pid(holder)).Stdout.Contains(disk, StringComparison.Ordinal)));

        var refused = host.Cli("run", disk, "--", "touch", marker);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"sanlock lockd run: resource busy: Lockspace resource '{disk}' is locked", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Run_KilledWithSigkill_LosesItsLocks()
    {
        string conf = _dir.IndirectConf();
        var hostA = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), conf));
        var hostB = _dir.Keep(LockdDaemon.Start(_dir.RunDir("b"), conf));
        string disk = _dir.Disk("vm1.img");
        var run = _dir.Keep(LockdCli.StartRun(hostA.RunDir, disk));
        Assert.True(LockdCli.Eventually(() => hostA.Cli("inquire", "--pid", LockdCli.Pid(run)).Stdout.Contains(disk, StringComparison.Ordinal)), hostA.Log);
        var other = _dir.Keep(LockdCli.Sleeper());
        Assert.Equal(1, hostB.Cli("acquire", "--pid", LockdCli.Pid(other), disk).ExitCode);

        run.Kill();
        run.WaitForExit(5000);

        Assert.True(LockdCli.Eventually(() => hostB.Cli("acquire", "--pid", LockdCli.Pid(other), disk).ExitCode == 0), hostA.Log);
    }

    [Fact]
    public void AcquireForPid_LastsUntilThatPidDies_NotUntilTheClientExits()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.Conf()));
        string disk = _dir.Disk("vm1.img");
        var owner = _dir.Keep(LockdCli.Sleeper());
        host.Cli("acquire", "--pid", LockdCli.Pid(owner), disk).EnsureSuccess();

        Thread.Sleep(1500);
        Assert.NotEqual(0, LockdCli.PythonLockf(disk, exclusive: true).ExitCode);

        owner.Kill();
        owner.WaitForExit(5000);
        Assert.True(LockdCli.Eventually(() => LockdCli.PythonLockf(disk, exclusive: true).ExitCode == 0), host.Log);
    }

    [Fact]
    public void Client_WithNoDaemon_SpawnsOneWhenAllowed()
    {
        string runDir = _dir.RunDir("spawned");
        string disk = _dir.Disk("vm1.img");
        string conf = _dir.Conf();
        try
        {
            var refused = LockdCli.Run(runDir, ["run", disk, "--", "true"]);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"Failed to connect socket to '{runDir}/lockd.sock'", refused.Stderr, StringComparison.Ordinal);

            var result = LockdCli.Run(runDir, ["run", "--conf", conf, disk, "--", "/bin/sh", "-c", "exit 3"], spawn: true);

            Assert.Equal(3, result.ExitCode);
            Assert.True(File.Exists(Path.Combine(runDir, "lockd.pid")));
        }
        finally
        {
            string pidFile = Path.Combine(runDir, "lockd.pid");
            // The daemon holds its pid file with an exclusive flock, which .NET's own readers would trip over.
            if (File.Exists(pidFile) && int.TryParse(Tools.Run("/bin/cat", [pidFile]).Stdout.Trim(), out int pid))
            {
                Tools.Run("/bin/kill", [pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }
    }

    [Fact]
    public void SocketActivated_TakesTheSocketSystemdPasses()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.Conf(), socketActivated: true));
        string disk = _dir.Disk("vm1.img");

        var result = host.Cli("run", disk, "--", "/bin/sh", "-c", "exit 4");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("lockd took the socket systemd passed", host.Log, StringComparison.Ordinal);
        Assert.Equal(host.Pid, LockdCli.Lslocks().Single(r => r.Path == Path.Combine(host.RunDir, "lockd.pid")).Pid);
    }
}
