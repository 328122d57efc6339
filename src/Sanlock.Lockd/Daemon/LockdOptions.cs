using Sanlock.Libvirt;

namespace Sanlock.Lockd.Daemon;

/// <summary>The lockd daemon's settings: <c>sanlock lockd daemon [--conf PATH] [--timeout SECS]</c>.</summary>
public sealed record LockdOptions
{
    public string ConfPath { get; init; } = QemuLockdConfig.DefaultPath;

    public string RunDirectory { get; init; } = LockdPaths.RunDirectory;

    /// <summary>Exit after this long with no client and no lock (spawned per-user daemons use it); null = never.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>How often owner pids are checked for death.</summary>
    public TimeSpan OwnerPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public string SocketPath => Path.Combine(RunDirectory, LockdPaths.SocketName);

    public string PidFilePath => Path.Combine(RunDirectory, LockdPaths.PidFileName);

    public string StateFilePath => Path.Combine(RunDirectory, "lockd-restart-exec.state");
}
