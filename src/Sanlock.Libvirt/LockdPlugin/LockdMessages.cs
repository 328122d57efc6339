namespace Sanlock.Libvirt.LockdPlugin;

/// <summary>The errors virtlockd and the lockd plugin report (spec libvirt §6.3, §6.4, §6.6, §7), worded alike.</summary>
public static class LockdMessages
{
    private const int EAGAIN = 11;
    private const int EACCES = 13;

    /// <summary><c>resource busy: Lockspace resource '&lt;name&gt;' is locked</c>; name is the path or the hash/UUID.</summary>
    public static LibvirtException Locked(string resourceName) =>
        new(LibvirtErrorCode.ResourceBusy, $"Lockspace resource '{resourceName}' is locked");

    public static LibvirtException NotLocked(string resourceName) =>
        new(LibvirtErrorCode.ResourceBusy, $"Lockspace resource '{resourceName}' is not locked");

    public static LibvirtException OwnerDoesNotHold(int pid) =>
        new(LibvirtErrorCode.InternalError, $"owner {pid} does not hold the resource lock");

    /// <summary>The fcntl lock was refused: a conflict (EAGAIN/EACCES) is "is locked", anything else names the errno.</summary>
    public static LibvirtException LockRefused(string resourceName, string path, int errno) =>
        errno is EAGAIN or EACCES
            ? Locked(resourceName)
            : new LibvirtException(LibvirtErrorCode.SystemError, $"Unable to acquire lock on '{path}': {Libc.StrError(errno)}");

    /// <param name="autoCreate">Indirect resources are opened with O_CREAT, which changes the wording.</param>
    /// <param name="path">The file that could not be opened.</param>
    /// <param name="errno">The errno of open(2).</param>
    public static LibvirtException OpenFailed(string path, bool autoCreate, int errno) =>
        new(LibvirtErrorCode.SystemError,
            $"Unable to {(autoCreate ? "open/create" : "open")} resource {path}: {Libc.StrError(errno)}");

    public static LibvirtException LockspaceMissing(string lockspaceDir) =>
        new(LibvirtErrorCode.InternalError, $"Lockspace for path {lockspaceDir} does not exist");

    public static LibvirtException Restricted() =>
        new(LibvirtErrorCode.OperationForbidden, "lock manager connection has been restricted");

    public static LibvirtException OwnerNotRegistered() =>
        new(LibvirtErrorCode.OperationInvalid, "lock owner details have not been registered");

    public static LibvirtException ClientRefused(int pid, uint uid) =>
        new(LibvirtErrorCode.OperationForbidden, $"Disallowing client {pid} with uid {uid}");

    public static LibvirtException MissingDomainId() =>
        new(LibvirtErrorCode.InternalError, "Missing ID parameter for domain object");
}
