using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sanlock.Daemon.Hosting;
using Sanlock.Libvirt;
using Sanlock.Libvirt.LockdPlugin;
using Sanlock.Libvirt.Naming;

namespace Sanlock.Lockd.Daemon;

/// <summary>Checks the configuration, then runs the lockd daemon as a Generic Host (systemd Type=notify aware) until
/// SIGTERM/SIGINT or the idle timeout. Every lock vanishes with the process, as with virtlockd.</summary>
public static class LockdHost
{
    public static async Task<int> RunAsync(LockdOptions options, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        QemuLockdConfig config;
        try
        {
            config = QemuLockdConfig.Load(options.ConfPath);
        }
        catch (LibvirtException e)
        {
            errors.WriteLine($"sanlock lockd daemon: {e.Message}");
            return 1;
        }

        if (MissingLockspaceDir(config) is { } missing)
        {
            errors.WriteLine($"sanlock lockd daemon: {missing}");
            return 1;
        }

        try
        {
            Directory.CreateDirectory(options.RunDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"sanlock lockd daemon: cannot create run directory {options.RunDirectory}: {e.Message}");
            return 1;
        }

        using var pidFile = PidFile.TryLock(options.PidFilePath, out string? pidError);
        if (pidFile is null)
        {
            errors.WriteLine($"sanlock lockd daemon: {pidError}");
            return 1;
        }

        using var host = Build(options, config);
        var log = host.Services.GetRequiredService<ILogger<LockManager>>();
        if (RestartInPlace.TakeState(options.StateFilePath, m => LockdLog.Warning(log, m)) is { } state)
        {
            RestartInPlace.Adopt(state, host.Services.GetRequiredService<LockManager>(), host.Services.GetRequiredService<LockdListener>());
            LockdLog.Restored(log, state.Locks.Count, state.Clients.Count);
        }

        try
        {
            await host.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            errors.WriteLine($"sanlock lockd daemon: {e.Message}");
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// Every configured lockspace directory must exist: unlike virtlockd we do not create it, because a missing
    /// directory usually means the shared storage is not mounted, and locking in a local directory would exclude no
    /// other host.
    /// </summary>
    public static string? MissingLockspaceDir(QemuLockdConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var (key, dir) in new[]
                 {
                     ("file_lockspace_dir", config.FileLockspaceDir),
                     ("lvm_lockspace_dir", config.LvmLockspaceDir),
                     ("scsi_lockspace_dir", config.ScsiLockspaceDir),
                 })
        {
            if (dir is not null && !Directory.Exists(dir))
            {
                return $"{key} {dir} does not exist or is not a directory (create it on the storage all hosts share, mode 0700)";
            }
        }

        return null;
    }

    public static IHost Build(LockdOptions options, QemuLockdConfig config)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSystemd();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(config);
        // A /dev path without an LV UUID or SCSI id is refused rather than locked under a name other hosts may not use.
        builder.Services.AddSingleton(_ => new LockdDiskNamer(config, new CommandDiskIdProbe(), requireDeviceId: true));
        builder.Services.AddSingleton<LockManager>();
        builder.Services.AddSingleton<LockdConnections>();
        builder.Services.AddSingleton<LockdListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LockdListener>());
        builder.Services.AddHostedService<OwnerWatcher>();
        builder.Services.AddHostedService<RestartInPlace>();
        return builder.Build();
    }
}
