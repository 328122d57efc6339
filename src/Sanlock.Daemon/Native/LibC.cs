using System.Runtime.InteropServices;

namespace Sanlock.Daemon.Native;

/// <summary>The few libc calls the daemon needs beyond lease I/O (Sanlock.Posix): signals, socket ownership, user lookup.</summary>
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

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetPwNam(string name);

    [LibraryImport("libc", EntryPoint = "getgrnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetGrNam(string name);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrErrorNative(int errno);

    /// <summary>uid of a user name (struct passwd: name, passwd, then uid at byte 16 on x86_64), or null.</summary>
    public static int? UserId(string name)
    {
        nint entry = GetPwNam(name);
        return entry == 0 ? null : Marshal.ReadInt32(entry, 16);
    }

    /// <summary>gid of a group name (struct group: name, passwd, then gid at byte 16 on x86_64), or null.</summary>
    public static int? GroupId(string name)
    {
        nint entry = GetGrNam(name);
        return entry == 0 ? null : Marshal.ReadInt32(entry, 16);
    }

    public static string StrError(int errno) => Marshal.PtrToStringUTF8(StrErrorNative(errno)) ?? $"errno {errno}";
}
