using System.Runtime.InteropServices;

namespace Sanlock.Lockd.Native;

/// <summary>
/// The libc calls lockd needs that .NET does not expose: classic POSIX record locks (<c>fcntl</c> F_SETLK/F_GETLK,
/// which Mono.Posix cannot reach as OFD locks and .NET's FileStream maps to flock), open with a mode, inode checks,
/// and the fd flags and exec used to keep fds across exec. Constants are Linux x86_64/arm64.
/// </summary>
internal static unsafe partial class LibC
{
    public const int O_RDWR = 0x2;
    public const int O_CREAT = 0x40;
    public const int O_CLOEXEC = 0x80000;

    public const int F_GETFD = 1;
    public const int F_SETFD = 2;
    public const int FD_CLOEXEC = 1;
    public const int F_GETLK = 5;
    public const int F_SETLK = 6;

    public const short F_RDLCK = 0;
    public const short F_WRLCK = 1;
    public const short F_UNLCK = 2;
    public const short SEEK_SET = 0;

    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EACCES = 13;
    public const int EAGAIN = 11;

    /// <summary><c>struct flock</c> on LP64 Linux: type, whence, (pad), start, len, pid.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Flock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int FcntlLock(int fd, int cmd, Flock* flock);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int FcntlInt(int fd, int cmd, int arg);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int FStat(int fd, byte* stat);

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte* stat);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true)]
    public static partial int ExecVp(nint file, nint* argv);

    public const int SIGPIPE = 13;
    public const nint SIG_DFL = 0;

    [LibraryImport("libc", EntryPoint = "signal")]
    public static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "getgid")]
    public static partial uint GetGid();

    [LibraryImport("libc", EntryPoint = "getuid")]
    public static partial uint GetUid();

    /// <summary>st_ino of an open fd (offset 8 in <c>struct stat</c> on x86_64 and arm64), or −errno.</summary>
    public static long InodeOf(int fd)
    {
        byte* buffer = stackalloc byte[256];
        return FStat(fd, buffer) == 0 ? *(long*)(buffer + 8) : -Marshal.GetLastPInvokeError();
    }

    /// <summary>st_ino of a path, or −errno (−ENOENT when it was deleted).</summary>
    public static long InodeOf(string path)
    {
        byte* buffer = stackalloc byte[256];
        return Stat(path, buffer) == 0 ? *(long*)(buffer + 8) : -Marshal.GetLastPInvokeError();
    }

    public static int LastError => Marshal.GetLastPInvokeError();

    public static string StrError(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
