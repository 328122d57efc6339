using System.Runtime.InteropServices;

namespace Sanlock.Daemon.Native;

/// <summary>The few libc calls the daemon needs beyond lease I/O (Sanlock.Posix): signals, socket ownership, heap trim.</summary>
internal static partial class LibC
{
    public const int ESRCH = 3;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chown(string path, int uid, int gid);

    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chmod(string path, int mode);

    /// <summary>glibc: returns free heap memory of every arena to the system (1 if any was released).</summary>
    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    public static partial int MallocTrim(nuint pad);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrErrorNative(int errno);

    public static string StrError(int errno) => Marshal.PtrToStringUTF8(StrErrorNative(errno)) ?? $"errno {errno}";
}
