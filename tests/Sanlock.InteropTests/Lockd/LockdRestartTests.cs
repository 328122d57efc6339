using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Lockd;

/// <summary>SIGUSR1 (systemctl reload) re-executes the daemon in place without losing a lock (spec §6.5).</summary>
public sealed class LockdRestartTests : IDisposable
{
    private readonly LockdTestDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Sigusr1_KeepsPidLocksAndClients()
    {
        var host = _dir.Keep(LockdDaemon.Start(_dir.RunDir("a"), _dir.IndirectConf()));
        string forPid = _dir.Disk("for-pid.img");
        string forRun = _dir.Disk("for-run.img");
        var owner = _dir.Keep(LockdCli.Sleeper());
        host.Cli("acquire", "--pid", LockdCli.Pid(owner), forPid).EnsureSuccess();
        var run = _dir.Keep(LockdCli.StartRun(host.RunDir, "--shared", forRun));
        Assert.True(LockdCli.Eventually(() => host.Cli("inquire", "--pid", LockdCli.Pid(run)).Stdout.Contains(forRun, StringComparison.Ordinal)), host.Log);
        var before = HeldBy(host.Pid);
        Assert.Equal(2, before.Count);

        Tools.Run("/bin/kill", ["-USR1", host.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]).EnsureSuccess();
        Assert.True(LockdCli.Eventually(() => host.Log.Contains("restarted in place: took over 2 locks and ", StringComparison.Ordinal)), host.Log);

        Assert.Equal(before, HeldBy(host.Pid));
        var other = _dir.Keep(LockdCli.Sleeper());
        Assert.Equal(1, host.Cli("acquire", "--pid", LockdCli.Pid(other), forPid).ExitCode);
        host.Cli("release", "--pid", LockdCli.Pid(owner), forPid).EnsureSuccess();

        // The run's connection was handed over: killing it still releases its lock in the new image.
        run.Kill();
        run.WaitForExit(5000);
        Assert.True(LockdCli.Eventually(() => HeldBy(host.Pid).Count == 0), host.Log);
        Assert.Empty(Directory.GetFiles(_dir.LockDir));
    }

    private List<LslocksRow> HeldBy(int pid) =>
        [.. LockdCli.Lslocks().Where(r => r.Pid == pid && r.Type == "POSIX" && r.Path.StartsWith(_dir.Root, StringComparison.Ordinal)).OrderBy(r => r.Path, StringComparer.Ordinal)];
}
