using Microsoft.Win32.SafeHandles;
using Sanlock.Libvirt;
using Sanlock.Libvirt.LockdPlugin;

namespace Sanlock.Lockd.Native;

/// <summary>
/// One open lock file holding a classic POSIX record lock on byte 0, length 1 (spec §6.3: what virtlockd takes, so
/// either daemon excludes the other on shared storage, and <c>lslocks</c> shows TYPE POSIX, START 0, END 0).
/// </summary>
/// <remarks>
/// Classic locks, not OFD: they belong to the daemon process, which is the design (one daemon holds every lock for
/// its clients, like virtlockd), and they survive exec, which the restart in place relies on. Their catch is that
/// closing <em>any</em> fd of the file drops them, so the daemon opens each lock file exactly once, keeps that fd
/// for the lock's life and never opens the file again (inode checks use stat, not open).
/// </remarks>
public sealed class LockFile : IDisposable
{
    private const int MaxRecreateRetries = 100;
    private readonly SafeFileHandle _handle;

    private LockFile(SafeFileHandle handle, LockdResource resource)
    {
        _handle = handle;
        Resource = resource;
    }

    public LockdResource Resource { get; }

    public string Path => Resource.LockFilePath;

    public int Fd => (int)_handle.DangerousGetHandle();

    /// <summary>Adopts an fd inherited across a restart in place (the lock is still held by this process).</summary>
    public static LockFile Adopt(int fd, LockdResource resource) => new(new SafeFileHandle(fd, ownsHandle: true), resource);

    /// <summary>
    /// Opens (auto-create: creates, 0600) the lock file and takes the lock without waiting. For auto-created files
    /// another host may delete and recreate the file between open and lock, so after locking the path is checked to
    /// still name the same inode, and the whole step is retried otherwise.
    /// </summary>
    /// <exception cref="LibvirtException">the file cannot be opened, or the lock is held elsewhere (the message names
    /// the resource, the lock file and, when the kernel reports it, the holder's pid).</exception>
    public static LockFile Acquire(LockdResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        string path = resource.LockFilePath;
        int flags = LibC.O_RDWR | LibC.O_CLOEXEC | (resource.AutoCreate ? LibC.O_CREAT : 0);
        for (int attempt = 0; attempt < MaxRecreateRetries; attempt++)
        {
            int fd = LibC.Open(path, flags, 0x180 /* 0600 */);
            if (fd < 0)
            {
                throw LockdMessages.OpenFailed(path, resource.AutoCreate, LibC.LastError);
            }

            var handle = new SafeFileHandle(fd, ownsHandle: true);
            try
            {
                long inode = LibC.InodeOf(fd);
                int errno = SetLock(fd, resource.Shared ? LibC.F_RDLCK : LibC.F_WRLCK);
                if (errno != 0)
                {
                    throw Refused(resource, errno, HolderPid(fd, resource.Shared));
                }

                if (resource.AutoCreate && LibC.InodeOf(path) != inode)
                {
                    handle.Dispose();
                    continue;
                }

                return new LockFile(handle, resource);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        throw new LibvirtException(LibvirtErrorCode.SystemError,
            $"Unable to acquire lock on '{path}': the file was deleted and recreated {MaxRecreateRetries} times while locking");
    }

    /// <summary>
    /// Lets go of the lock after its last owner left (spec §6.3): an auto-created file is deleted first, a shared one
    /// only after upgrading to exclusive (another host still sharing it keeps it); closing the fd drops the lock.
    /// </summary>
    public void ReleaseAndDispose()
    {
        if (Resource.AutoCreate && (!Resource.Shared || SetLock(Fd, LibC.F_WRLCK) == 0))
        {
            try
            {
                File.Delete(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort, as in virtlockd: a leftover zero-length file is harmless.
            }
        }

        Dispose();
    }

    public void Dispose() => _handle.Dispose();

    private static unsafe int SetLock(int fd, short type)
    {
        var flock = new LibC.Flock { Type = type, Whence = LibC.SEEK_SET, Start = 0, Length = 1 };
        while (LibC.FcntlLock(fd, LibC.F_SETLK, &flock) != 0)
        {
            int errno = LibC.LastError;
            if (errno != LibC.EINTR)
            {
                return errno;
            }
        }

        return 0;
    }

    /// <summary>The pid F_GETLK reports for a conflicting lock, or 0 (none reported, e.g. a lock on another NFS client).</summary>
    private static unsafe int HolderPid(int fd, bool shared)
    {
        var flock = new LibC.Flock { Type = shared ? LibC.F_RDLCK : LibC.F_WRLCK, Whence = LibC.SEEK_SET, Start = 0, Length = 1 };
        return LibC.FcntlLock(fd, LibC.F_GETLK, &flock) == 0 && flock.Type != LibC.F_UNLCK ? flock.Pid : 0;
    }

    private static LibvirtException Refused(LockdResource resource, int errno, int holderPid)
    {
        if (errno is not (LibC.EAGAIN or LibC.EACCES))
        {
            return LockdMessages.LockRefused(resource.Name, resource.LockFilePath, errno);
        }

        return LockdErrors.Busy(resource, holderPid > 0 ? $"held by pid {holderPid}" : "held by another host");
    }
}
