using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Client;

/// <summary>Our CLI run by a user other than root without SANLOCK_RUN_DIR: it starts that user's own daemon in the
/// user's run dir ($XDG_RUNTIME_DIR/sanlock here) and then answers; root and an explicit SANLOCK_RUN_DIR never start
/// one and fail as the real CLI does.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UnprivilegedAutoStartTests : IDisposable
{
    private readonly string _runtimeDir = Path.Combine("/var/tmp", $"sanlock-xdg-{Guid.NewGuid():N}"[..28]);
    private readonly int _uid = UnprivilegedUser.Ensure();

    public UnprivilegedAutoStartTests()
    {
        Directory.CreateDirectory(_runtimeDir);
        // The user runs a copy of our CLI: the checkout may sit below a directory only root may enter (/root).
        string bin = Path.Combine(_runtimeDir, "bin");
        Directory.CreateDirectory(bin);
        foreach (string file in new[] { "sanlock", "libMonoPosixHelper.so" })
        {
            string from = Path.Combine(Path.GetDirectoryName(OurCli.Path)!, file);
            if (File.Exists(from))
            {
                File.Copy(from, Path.Combine(bin, file));
            }
        }
        Tools.Run("/bin/chmod", ["-R", "a+rX", bin]).EnsureSuccess();
        Tools.Run("/bin/chown", [$"{_uid}", _runtimeDir]).EnsureSuccess();
        Tools.Run("/bin/chmod", ["700", _runtimeDir]).EnsureSuccess();
    }

    private string Cli => Path.Combine(_runtimeDir, "bin", "sanlock");

    private string RunDir => Path.Combine(_runtimeDir, "sanlock");

    private Dictionary<string, string> UserEnvironment => new() { ["XDG_RUNTIME_DIR"] = _runtimeDir };

    [Fact]
    public void ClientStatus_AsUserWithNoDaemon_StartsTheUsersDaemonWhichAnswers()
    {
        ProcessResult first = UnprivilegedUser.Run(Cli, ["client", "status"], UserEnvironment, TimeSpan.FromSeconds(60));

        Assert.True(first.ExitCode == 0, $"first status: {first}");
        Assert.StartsWith("daemon ", first.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RunDir, "sanlock.sock")), $"no socket in {RunDir}");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(RunDir));
        int daemonPid = DaemonPid();
        Assert.Equal($"{_uid}", Tools.Run("/bin/ps", ["-o", "uid=", "-p", $"{daemonPid}"]).EnsureSuccess().Stdout.Trim());

        // The real CLI, pointed at the same run dir, sees the same daemon; a second status of ours starts no other.
        ProcessResult real = UnprivilegedUser.Run("/usr/sbin/sanlock", ["client", "status", "-D"],
            new Dictionary<string, string> { ["SANLOCK_RUN_DIR"] = RunDir });
        Assert.True(real.ExitCode == 0, $"real CLI: {real}");
        Assert.Contains($"    uid={_uid}", real.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, UnprivilegedUser.Run(Cli, ["client", "version"], UserEnvironment).ExitCode);
        Assert.Equal(daemonPid, DaemonPid());

        ProcessResult shutdown = UnprivilegedUser.Run(Cli, ["client", "shutdown"], UserEnvironment);
        Assert.True(shutdown.ExitCode == 0, $"shutdown: {shutdown}");
        Assert.True(WaitUntil(() => !ProcessExists(daemonPid), TimeSpan.FromSeconds(30)), $"daemon {daemonPid} still runs after shutdown");
    }

    [Fact]
    public void ClientShutdown_AsUserWithNoDaemon_StartsNothing()
    {
        ProcessResult shutdown = UnprivilegedUser.Run(Cli, ["client", "shutdown"], UserEnvironment);

        Assert.Equal(1, shutdown.ExitCode);
        Assert.Contains("shutdown done -2", shutdown.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(RunDir), $"{RunDir} was created");
    }

    [Fact]
    public void ClientStatus_AsUserWithRunDirSet_FailsLikeTheRealCli()
    {
        string emptyRunDir = Path.Combine(_runtimeDir, "explicit");
        var environment = new Dictionary<string, string> { ["SANLOCK_RUN_DIR"] = emptyRunDir, ["XDG_RUNTIME_DIR"] = _runtimeDir };

        ProcessResult ours = UnprivilegedUser.Run(Cli, ["client", "status"], environment);
        ProcessResult real = UnprivilegedUser.Run("/usr/sbin/sanlock", ["client", "status"], environment);

        Assert.Equal((real.ExitCode, real.Stdout), (ours.ExitCode, ours.Stdout));
        Assert.False(Directory.Exists(RunDir), $"{RunDir} was created");
        Assert.False(Directory.Exists(emptyRunDir), $"{emptyRunDir} was created");
    }

    [Fact]
    public void ClientStatus_AsRootWithNoRunDir_FailsLikeTheRealCliAndStartsNothing()
    {
        Assert.SkipWhen(Environment.UserName != "root", "needs root, as CI runs the tests");
        Assert.SkipWhen(File.Exists("/run/sanlock/sanlock.sock"), "a system sanlock daemon is running here");
        ProcessResult ours = Tools.Run("/usr/bin/env", ["-u", "SANLOCK_RUN_DIR", $"XDG_RUNTIME_DIR={_runtimeDir}", OurCli.Path, "client", "status"]);
        ProcessResult real = Tools.Run("/usr/bin/env", ["-u", "SANLOCK_RUN_DIR", $"XDG_RUNTIME_DIR={_runtimeDir}", "/usr/sbin/sanlock", "client", "status"]);

        Assert.Equal((real.ExitCode, real.Stdout), (ours.ExitCode, ours.Stdout));
        Assert.Equal(1, ours.ExitCode);
        Assert.False(Directory.Exists(RunDir), $"{RunDir} was created");
        Assert.False(File.Exists("/run/sanlock/sanlock.sock"), "a daemon was started on /run/sanlock");
    }

    public void Dispose()
    {
        // Whatever happened, no daemon of this test survives it.
        if (File.Exists(Path.Combine(RunDir, "sanlock.pid")) && TryDaemonPid() is { } pid && ProcessExists(pid))
        {
            Tools.Run("/bin/kill", ["-9", $"{pid}"]);
            WaitUntil(() => !ProcessExists(pid), TimeSpan.FromSeconds(10));
        }
        Tools.Run("/bin/rm", ["-rf", _runtimeDir]);
    }

    /// <summary>The daemon's pid from sanlock.pid (read with cat: the daemon holds the file locked).</summary>
    private int DaemonPid() => TryDaemonPid() ?? throw new InvalidOperationException($"no pid in {RunDir}/sanlock.pid");

    private int? TryDaemonPid()
    {
        var cat = Tools.Run("/bin/cat", [Path.Combine(RunDir, "sanlock.pid")]);
        return int.TryParse(cat.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    private static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static bool WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            Thread.Sleep(50);
        }
        return true;
    }
}
