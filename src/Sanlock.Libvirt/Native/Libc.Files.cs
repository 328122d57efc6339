using System.Runtime.InteropServices;

namespace Sanlock.Libvirt;

/// <summary>
/// The file calls automatic leases need with libvirt's exact semantics: an exclusive create with a mode
/// (<c>O_CREAT|O_EXCL</c>, which .NET's FileMode.CreateNew hides behind exceptions), fchown/fchmod on the new fd,
/// and stat for owner and type, which .NET does not expose.
/// </summary>
internal static partial class Libc
{
    public const int EEXIST = 17;
    public const int EINVAL = 22;
    public const int EOPNOTSUPP = 95;

    private const int O_WRONLY = 0x1;
    private const int O_CREAT = 0x40;
    private const int O_EXCL = 0x80;
    private const int O_CLOEXEC = 0x80000;
    private const uint S_IFMT = 0xF000;
    private const uint S_IFREG = 0x8000;
    private const uint S_IFDIR = 0x4000;

    /// <summary>open(path, O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, mode); returns the fd or −errno.</summary>
    public static int CreateExclusive(string path, UnixFileMode mode)
    {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (uint)mode);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>fchown with −1 for an id left unchanged; 0 or the errno.</summary>
    public static int FChown(int fd, uint? uid, uint? gid) =>
        fchown(fd, uid ?? uint.MaxValue, gid ?? uint.MaxValue) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Chown(string path, uint? uid, uint? gid) =>
        chown(path, uid ?? uint.MaxValue, gid ?? uint.MaxValue) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int FChmod(int fd, UnixFileMode mode) => fchmod(fd, (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Chmod(string path, UnixFileMode mode) => chmod(path, (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>posix_fallocate returns the error number itself (it does not set errno).</summary>
    public static int FAllocate(int fd, long length) => posix_fallocate(fd, 0, length);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> completely; 0 or the errno.</summary>
    public static unsafe int PWriteAll(int fd, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* p = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                nint n = pwrite(fd, p + done, (nuint)(data.Length - done), offset + done);
                if (n < 0)
                {
                    return Marshal.GetLastPInvokeError();
                }
                done += (int)n;
            }
        }
        return 0;
    }

    public static int Close(int fd) => close(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Unlink(string path) => unlink(path) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>stat(path): 0 and the owner, mode bits and type, or the errno.</summary>
    /// <remarks>x86_64 glibc <c>struct stat</c> (144 bytes): st_mode at 24, st_uid at 28, st_gid at 32.</remarks>
    public static unsafe int Stat(string path, out FileStatus status)
    {
        byte* buffer = stackalloc byte[256];
        if (stat(path, buffer) != 0)
        {
            status = default;
            return Marshal.GetLastPInvokeError();
        }
        uint mode = *(uint*)(buffer + 24);
        status = new FileStatus(*(uint*)(buffer + 28), *(uint*)(buffer + 32), (UnixFileMode)(mode & 0xFFF),
            (mode & S_IFMT) == S_IFREG, (mode & S_IFMT) == S_IFDIR);
        return 0;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int fchown(int fd, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static partial int fchmod(int fd, uint mode);

    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chmod(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "posix_fallocate")]
    private static partial int posix_fallocate(int fd, long offset, long length);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static unsafe partial nint pwrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int unlink(string path);

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int stat(string path, byte* buffer);
}

/// <summary>What <see cref="Libc.Stat"/> reports.</summary>
internal readonly record struct FileStatus(uint Uid, uint Gid, UnixFileMode Mode, bool IsRegularFile, bool IsDirectory);
