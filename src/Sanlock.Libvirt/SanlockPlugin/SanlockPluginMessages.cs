namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>
/// The errors libvirt's sanlock plugin reports (spec libvirt §3, §4, §7), built from a sanlock result or an errno
/// so the daemon words them the same way. A sanlock code (≤ −200) is given with sanlock's text as an
/// <c>internal error</c>; a −errno as a system error with the C library's text.
/// </summary>
public static class SanlockPluginMessages
{
    /// <summary><c>[resource busy: ]Failed to acquire lock: &lt;text&gt;</c> (§4.4; e.g. #4, #5, #6 of §7).</summary>
    public static LibvirtException AcquireFailed(int result) =>
        SanlockStrError.IsSanlockCode(result)
            ? new LibvirtException(LibvirtErrorCode.ResourceBusy, $"Failed to acquire lock: {SanlockStrError.Text(result)}")
            : new LibvirtException(LibvirtErrorCode.SystemError, $"Failed to acquire lock: {Libc.StrError(-result)}");

    /// <summary><c>Failed to release lock: &lt;text&gt;</c>, worded like <see cref="AcquireFailed"/>.</summary>
    public static LibvirtException ReleaseFailed(int result) => FromResult("Failed to release lock", result);

    /// <summary><c>Failed to inquire lock: &lt;text&gt;</c>.</summary>
    public static LibvirtException InquireFailed(int result) => FromResult("Failed to inquire lock", result);

    /// <summary><c>Unable to add lockspace &lt;path&gt;: &lt;text&gt;</c> (§3.2 step 4).</summary>
    public static LibvirtException AddLockspaceFailed(string lockspacePath, int result) =>
        FromResult($"Unable to add lockspace {lockspacePath}", result);

    /// <summary><c>Failed to open socket to sanlock daemon: &lt;text&gt;</c> (§4.4, §7 #7).</summary>
    public static LibvirtException RegisterFailed(int result) =>
        FromResult("Failed to open socket to sanlock daemon", result);

    /// <summary>§3.2 step 2.1: the lease directory is missing or not a directory.</summary>
    public static LibvirtException LockspaceParentMissing(string lockspacePath) =>
        new(LibvirtErrorCode.InternalError,
            $"Unable to create lockspace {lockspacePath}: parent directory does not exist or is not a directory");

    /// <summary>
    /// Exclusive creation failed for a reason other than EEXIST. libvirt says "lockspace" for lease files too
    /// (§4.3, §8), so this serves both.
    /// </summary>
    public static LibvirtException CreateFailed(string path, int errno) =>
        SystemError($"Unable to create lockspace {path}", errno);

    /// <summary><c>cannot chown '&lt;path&gt;' to (&lt;uid&gt;, &lt;gid&gt;)</c>; an unset id prints as 4294967295.</summary>
    public static LibvirtException ChownFailed(string path, uint? uid, uint? gid, int errno) =>
        SystemError($"cannot chown '{path}' to ({uid ?? uint.MaxValue}, {gid ?? uint.MaxValue})", errno);

    public static LibvirtException ChmodFailed(string path, int errno) => SystemError($"cannot chmod '{path}' to 0660", errno);

    public static LibvirtException QuerySectorSizeFailed(string path, int result) =>
        FromResult($"Unable to query sector size {path}", result);

    /// <summary>Zero-filling failed; <paramref name="lease"/> says whether the file is a disk lease or the lockspace.</summary>
    public static LibvirtException AllocateFailed(string path, bool lease, int errno) =>
        SystemError($"Unable to allocate {Kind(lease)} {path}", errno);

    public static LibvirtException SaveFailed(string path, bool lease, int errno) =>
        SystemError($"Unable to save {Kind(lease)} {path}", errno);

    public static LibvirtException InitializeFailed(string path, bool lease, int result) =>
        FromResult($"Unable to initialize {Kind(lease)} {path}", result);

    private static string Kind(bool lease) => lease ? "lease" : "lockspace";

    private static LibvirtException FromResult(string what, int result) =>
        SanlockStrError.IsSanlockCode(result)
            ? new LibvirtException(LibvirtErrorCode.InternalError, $"{what}: {SanlockStrError.Text(result)}")
            : SystemError(what, -result);

    private static LibvirtException SystemError(string what, int errno) =>
        new(LibvirtErrorCode.SystemError, $"{what}: {Libc.StrError(errno)}");
}
