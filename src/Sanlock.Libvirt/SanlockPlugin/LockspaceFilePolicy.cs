namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>
/// Ownership and modes of the files the sanlock plugin creates (spec libvirt §3.2, §4.3): the lockspace file is
/// created 0600, or 0660 when a group is configured, and repaired when it already exists; lease files are always
/// created 0600 and never repaired (a libvirt quirk we keep, §8).
/// </summary>
/// <remarks>
/// The create modes are requests: the process umask still applies. Observed with libvirt 9.0.0 under umask 022 and
/// a real sanlock running as user sanlock: the lockspace file came out 0640, so with only <c>group</c> set (no
/// <c>user</c>) the daemon could not open it read/write and setup failed with
/// <c>Unable to query sector size …: No such device</c>; with <c>user = "sanlock"</c> it worked.
/// </remarks>
public static class LockspaceFilePolicy
{
    public const UnixFileMode LeaseFileCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode GroupReadWrite = UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    public static UnixFileMode LockspaceCreateMode(QemuSanlockConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.GroupId is null ? LeaseFileCreateMode : LeaseFileCreateMode | GroupReadWrite;
    }

    /// <summary>Whether a freshly created file is fchown'ed: only when a user or a group is configured.</summary>
    public static bool ChownAfterCreate(QemuSanlockConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.UserId is not null || config.GroupId is not null;
    }

    /// <summary>What to fix on an existing lockspace file; nothing for anything but a regular file.</summary>
    public static LockspaceRepair RepairExisting(QemuSanlockConfig config, bool isRegularFile, uint uid, uint gid, UnixFileMode mode)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!isRegularFile)
        {
            return LockspaceRepair.None;
        }

        bool chown = (config.UserId is { } u && u != uid) || (config.GroupId is { } g && g != gid);
        bool chmod = config.GroupId is not null && (mode & GroupReadWrite) != GroupReadWrite;
        return new LockspaceRepair(chown, chmod ? LeaseFileCreateMode | GroupReadWrite : null);
    }
}

/// <summary>
/// Fixes for an existing lockspace file: <paramref name="Chown"/> means chown to the configured user and group, an
/// unset one staying as it is (−1); <paramref name="ChmodTo"/> is the new mode, if any.
/// </summary>
public sealed record LockspaceRepair(bool Chown, UnixFileMode? ChmodTo)
{
    public static LockspaceRepair None { get; } = new(false, null);
}
