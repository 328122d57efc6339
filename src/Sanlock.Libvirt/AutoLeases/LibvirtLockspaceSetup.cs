using Sanlock.Client;
using Sanlock.Libvirt.SanlockPlugin;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.Libvirt.AutoLeases;

/// <summary>What one start-up did to <c>__LIBVIRT__DISKS__</c>.</summary>
/// <param name="Created">this host created and formatted the lockspace file.</param>
/// <param name="Repair">the ownership/mode fixes applied to an existing file (<see cref="LockspaceRepair.None"/> if none).</param>
/// <param name="Setups">setups tried (more than one when another host was still creating the file).</param>
/// <param name="JoinAttempts">ADD_LOCKSPACE requests sent in the last setup.</param>
public sealed record LockspaceSetupOutcome(bool Created, LockspaceRepair Repair, int Setups, int JoinAttempts);

/// <summary>
/// The sanlock plugin's start-up in automatic mode (spec libvirt §3.2), through the daemon's socket as libvirt does:
/// create or repair <c>&lt;disk_lease_dir&gt;/__LIBVIRT__DISKS__</c>, then join it as <c>host_id</c> with
/// <c>io_timeout</c>, waiting out a join or leave in progress (at most 10 attempts).
/// </summary>
public static class LibvirtLockspaceSetup
{
    /// <exception cref="LibvirtException">the spec's message for the step that failed.</exception>
    public static LockspaceSetupOutcome Run(QemuSanlockConfig config, SanlockClient client, Action<TimeSpan>? sleep = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(client);
        sleep ??= Thread.Sleep;
        string path = config.LockspacePath;
        LibvirtDisksLockspace.EnsurePathFits(path);
        for (int setup = 1; ; setup++)
        {
            var (created, repair) = PrepareFile(config, client, path);
            var (result, attempts) = Join(config, client);
            if (result == 0)
            {
                return new LockspaceSetupOutcome(created, repair, setup, attempts);
            }
            if (!LockspaceRaceRetry.ShouldRetry(result, created, setup))
            {
                throw SanlockPluginMessages.AddLockspaceFailed(path, result);
            }
            sleep(LockspaceRaceRetry.Pause);
        }
    }

    public static SanlkLockspace Lockspace(QemuSanlockConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(LibvirtDisksLockspace.Name, config.HostId, LockspaceFlags.None, new SanlkDisk(config.LockspacePath, 0));
    }

    private static (bool Created, LockspaceRepair Repair) PrepareFile(QemuSanlockConfig config, SanlockClient client, string path)
    {
        int statError = Libc.Stat(path, out FileStatus status);
        if (statError == 0)
        {
            return (false, RepairExisting(config, path, status));
        }
        if (statError != Libc.ENOENT)
        {
            throw SanlockPluginMessages.CreateFailed(path, statError);
        }
        if (Libc.Stat(config.DiskLeaseDir, out FileStatus dir) != 0 || !dir.IsDirectory)
        {
            throw SanlockPluginMessages.LockspaceParentMissing(path);
        }
        var unjoined = Lockspace(config) with { HostId = 0 };
        bool created = SanlockFileCreator.EnsureCreated(path, LockspaceFilePolicy.LockspaceCreateMode(config), config, client, lease: false,
            c => c.WriteLockspace(unjoined, maxHosts: 0, ioTimeout: config.IoTimeoutSeconds).Result);
        return (created, LockspaceRepair.None);
    }

    private static LockspaceRepair RepairExisting(QemuSanlockConfig config, string path, FileStatus status)
    {
        LockspaceRepair repair = LockspaceFilePolicy.RepairExisting(config, status.IsRegularFile, status.Uid, status.Gid, status.Mode);
        if (repair.Chown)
        {
            int error = Libc.Chown(path, config.UserId, config.GroupId);
            if (error != 0)
            {
                throw SanlockPluginMessages.ChownFailed(path, config.UserId, config.GroupId, error);
            }
        }
        if (repair.ChmodTo is { } mode)
        {
            int error = Libc.Chmod(path, mode);
            if (error != 0)
            {
                throw SanlockPluginMessages.ChmodFailed(path, error);
            }
        }
        return repair;
    }

    private static (int Result, int Attempts) Join(QemuSanlockConfig config, SanlockClient client)
    {
        SanlkLockspace lockspace = Lockspace(config);
        for (int attempt = 1; ; attempt++)
        {
            int result = client.AddLockspace(lockspace, flags: 0, ioTimeout: config.IoTimeoutSeconds).Result;
            switch (LockspaceJoinPolicy.Next(result, attempt))
            {
                case JoinStep.Joined:
                    return (0, attempt);
                case JoinStep.WaitAndRetry:
                    client.InqLockspace(lockspace, CommandFlags.InqWait);
                    break;
                default:
                    return (result, attempt);
            }
        }
    }
}
