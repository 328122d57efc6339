namespace Sanlock.Daemon;

/// <summary>Everything the daemon is configured with: defaults here, then sanlock.conf, then the command line.</summary>
/// <remarks>To add a setting: a property with its default here, a key in <see cref="Configuration.SanlockConfFile"/>,
/// an option in the CLI's DaemonCommand, a line in conf/sanlock.conf and, if the real daemon reports it, a key in
/// the daemon status record.</remarks>
public sealed class DaemonOptions
{
    public const string DefaultRunDirectory = "/run/sanlock";

    /// <summary>SANLOCK_RUN_DIR, else /run/sanlock: holds sanlock.sock and sanlock.pid.</summary>
    public string RunDirectory { get; set; } = DefaultRunDirectory;

    public string SocketPath => Path.Combine(RunDirectory, "sanlock.sock");

    public string PidFilePath => Path.Combine(RunDirectory, "sanlock.pid");

    /// <summary>-w: 1 needs /dev/watchdog (via wdmd); 0 runs without one.</summary>
    public bool UseWatchdog { get; set; } = true;

    /// <summary>-U / uid: the socket's owner (a name or a number); null: "sanlock" if that user exists, else root.</summary>
    public string? User { get; set; }

    /// <summary>-G / gid: the socket's group.</summary>
    public string? Group { get; set; }

    /// <summary>-e / our_host_name: the name written into our delta leases; empty: a random UUID-like name.</summary>
    public string? HostName { get; set; }

    /// <summary>-o / io_timeout: the default io_timeout (seconds) for add_lockspace requests that pass 0.</summary>
    public int IoTimeoutSeconds { get; set; } = 10;

    /// <summary>-l / mlock_level: 0 none, 1 current, 2 current+future. Recorded and reported; we do not mlock.</summary>
    public int MlockLevel { get; set; } = 1;

    /// <summary>-t / max_worker_threads: how many worker commands run at once.</summary>
    public int MaxWorkerThreads { get; set; } = 8;

    /// <summary>-g / kill_grace_seconds: after renewals stop, how long the kill path / SIGTERM phase lasts before SIGKILL.</summary>
    public int KillGraceSeconds { get; set; } = 40;

    /// <summary>renewal_history_size: how many renewals RENEWAL reports.</summary>
    public int RenewalHistorySize { get; set; } = 180;

    /// <summary>-D: stay in the foreground and log to stderr (we never daemonize; systemd or the caller backgrounds us).</summary>
    public bool Foreground { get; set; }

    /// <summary>sh_retries: shared acquire retries against a short EX hold (reported only).</summary>
    public int ShRetries { get; set; } = 8;

    /// <summary>Lockspaces to join at start-up (NAME:HOST_ID:PATH:OFFSET), created on disk when the file is missing.
    /// Our extension for the embedded default of scripts/run-daemon.</summary>
    public List<string> JoinAtStart { get; } = [];

    /// <summary>Work run once the socket listens, in order, before the daemon counts as started; one that throws makes
    /// start-up fail (exit 1). Our extension, used by <c>--libvirt-conf</c>.</summary>
    public List<Func<Microsoft.Extensions.Logging.ILogger, CancellationToken, Task>> StartupTasks { get; } = [];
}
