using Microsoft.Extensions.Logging;
using Sanlock.Client;
using Sanlock.Daemon;
using Sanlock.Libvirt;
using Sanlock.Libvirt.AutoLeases;

namespace Sanlock.Cli.Libvirt;

/// <summary>
/// <c>sanlock daemon --libvirt-conf PATH [--libvirt-lenient]</c>: with <c>auto_disk_leases = 1</c> the daemon
/// creates and joins <c>__LIBVIRT__DISKS__</c> at start (spec libvirt §3) through its own socket, as libvirt's
/// plugin would. A failure stops start-up (exit 1); <c>--libvirt-lenient</c> only logs it, like libvirt 9.0.0 (§3.4).
/// A broken config file always stops start-up, as it stops libvirt's QEMU driver.
/// </summary>
internal static class LibvirtDaemonStartup
{
    /// <summary>Removes the libvirt options from <paramref name="args"/> and registers the start-up work on
    /// <paramref name="options"/>; returns the remaining arguments, or null with <paramref name="error"/> set.</summary>
    public static string[]? Apply(string[] args, DaemonOptions options, out string? error)
    {
        var rest = new List<string>();
        string? confPath = null;
        bool lenient = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--libvirt-lenient")
            {
                lenient = true;
            }
            else if (args[i] == "--libvirt-conf")
            {
                if (i + 1 >= args.Length)
                {
                    error = "--libvirt-conf needs a value";
                    return null;
                }
                confPath = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        error = null;
        if (confPath is null)
        {
            if (lenient)
            {
                error = "--libvirt-lenient needs --libvirt-conf";
                return null;
            }
            return [.. rest];
        }
        QemuSanlockConfig config;
        try
        {
            config = QemuSanlockConfig.Load(confPath);
        }
        catch (LibvirtException e)
        {
            error = e.Message;
            return null;
        }
        if (config.AutoDiskLeases)
        {
            options.StartupTasks.Add((log, _) => JoinAsync(config, options.SocketPath, lenient, log));
        }
        return [.. rest];
    }

    private static Task JoinAsync(QemuSanlockConfig config, string socketPath, bool lenient, ILogger log)
    {
        string lockspace = LibvirtDisksLockspace.LockspaceString(config);
        try
        {
            var outcome = LibvirtLockspaceSetup.Run(config, new SanlockClient(socketPath));
            log.LogInformation("libvirt: joined {Lockspace} (created {Created}, chown {Chown}, chmod {Chmod}, setups {Setups}, join attempts {Attempts})",
                lockspace, outcome.Created, outcome.Repair.Chown, outcome.Repair.ChmodTo?.ToString() ?? "no", outcome.Setups, outcome.JoinAttempts);
        }
        catch (LibvirtException e) when (lenient)
        {
            log.LogError("libvirt: {Lockspace} not joined, carrying on (--libvirt-lenient): {Reason}", lockspace, e.Message);
        }
        return Task.CompletedTask;
    }
}
