using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Commands;
using Sanlock.Daemon.Logging;
using Sanlock.Daemon.Resources;
using Sanlock.Daemon.Spaces;
using Sanlock.Daemon.Status;
using Sanlock.Daemon.Storage;
using Sanlock.Leases;
using Sanlock.Posix;

namespace Sanlock.Daemon.Hosting;

/// <summary>Builds and runs the daemon as a Microsoft.Extensions.Hosting host: the listener and the lockspaces are
/// hosted services, SIGTERM stops it cleanly, systemd gets Type=notify readiness and journal-friendly logs.</summary>
/// <remarks>Everything is registered explicitly (no configuration binding, no scanning), so it runs under NativeAOT.</remarks>
public static class DaemonHost
{
    /// <summary>Runs until SIGTERM/SIGINT or SHUTDOWN. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(DaemonOptions options, TextWriter errors)
    {
        if (options.UseWatchdog)
        {
            errors.WriteLine(File.Exists("/dev/watchdog")
                ? "sanlock daemon: -w 1 needs the wdmd watchdog multiplexer, which this daemon does not drive yet; start with -w 0"
                : "sanlock daemon: -w 1 needs a watchdog device and /dev/watchdog does not exist; start with -w 0 to run without one");
            return 1;
        }
        try
        {
            Directory.CreateDirectory(options.RunDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"sanlock daemon: cannot create run directory {options.RunDirectory}: {e.Message}");
            return 1;
        }
        using var pidFile = PidFile.TryLock(options.PidFilePath, out string? pidError);
        if (pidFile is null)
        {
            errors.WriteLine($"sanlock daemon: {pidError}");
            return 1;
        }
        var (uid, gid, ownerError) = ResolveOwner(options);
        if (ownerError is not null)
        {
            errors.WriteLine($"sanlock daemon: {ownerError}");
            return 1;
        }
        using var host = Build(options, uid, gid);
        var startupTasks = host.Services.GetRequiredService<StartupTaskService>();
        try
        {
            await host.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            errors.WriteLine($"sanlock daemon: {e.Message}");
            return 1;
        }
        if (startupTasks.Failure is { } failure)
        {
            errors.WriteLine($"sanlock daemon: start-up failed: {failure}");
            return 1;
        }
        return 0;
    }

    public static IHost Build(DaemonOptions options, int uid, int gid)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var ring = new LogRing();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddProvider(new LogRingProvider(ring));
        builder.Services.AddSystemd();

        string hostName = string.IsNullOrEmpty(options.HostName) ? $"{Guid.NewGuid()}.{Environment.MachineName}" : options.HostName;
        if (hostName.Length > 48)
        {
            hostName = hostName[..48];
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(ring);
        builder.Services.AddSingleton<IMonotonicClock>(SystemMonotonicClock.Instance);
        builder.Services.AddSingleton(_ => new LeaseDiskCache());
        builder.Services.AddSingleton<ClientRegistry>();
        builder.Services.AddSingleton(sp => new SpaceManager(sp.GetRequiredService<LeaseDiskCache>(), options,
            sp.GetRequiredService<IMonotonicClock>(), sp.GetRequiredService<ILogger<SpaceManager>>(), hostName));
        builder.Services.AddSingleton<ResourceManager>();
        builder.Services.AddSingleton<RequestWatcher>();
        builder.Services.AddSingleton(sp => new SanlockDaemon(options, sp.GetRequiredService<ClientRegistry>(), sp.GetRequiredService<SpaceManager>(),
            sp.GetRequiredService<ResourceManager>(), ring, sp.GetRequiredService<IMonotonicClock>(), sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<LeaseDiskCache>())
        {
            HostUid = uid,
            HostGid = gid,
        });
        builder.Services.AddSingleton<CommandHandler>();
        builder.Services.AddSingleton<ConnectionLoop>();
        // Stopped in reverse order: the listener stops accepting before the lockspaces are left.
        builder.Services.AddHostedService<LockspaceService>();
        builder.Services.AddHostedService<ListenerService>();
        builder.Services.AddHostedService<MemoryTrimService>();
        builder.Services.AddSingleton<StartupTaskService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StartupTaskService>());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder.Build();
    }

    /// <summary>-U/-G (names or numbers); by default the "sanlock" user and group when both exist, else root.</summary>
    public static (int Uid, int Gid, string? Error) ResolveOwner(DaemonOptions options)
    {
        int? uid = options.User is null ? null : ParseId(options.User, UserId);
        int? gid = options.Group is null ? null : ParseId(options.Group, GroupId);
        if (options.User is not null && uid is null)
        {
            return (0, 0, $"user {options.User} (-U) does not exist");
        }
        if (options.Group is not null && gid is null)
        {
            return (0, 0, $"group {options.Group} (-G) does not exist");
        }
        if (uid is null && gid is null && UserId("sanlock") is { } su && GroupId("sanlock") is { } sg)
        {
            return (su, sg, null);
        }
        return (uid ?? 0, gid ?? 0, null);
    }

    private static int? UserId(string name) => AccountLookup.TryGetUserId(name, out uint uid) ? (int)uid : null;

    private static int? GroupId(string name) => AccountLookup.TryGetGroupId(name, out uint gid) ? (int)gid : null;

    private static int? ParseId(string text, Func<string, int?> lookup) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id) ? id : lookup(text);
}
