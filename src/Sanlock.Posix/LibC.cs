using System.Runtime.InteropServices;

namespace Sanlock.Posix;

/// <summary>
/// The few libc calls the O_DIRECT disk needs, as source-generated <c>[LibraryImport]</c> stubs:
/// no marshalling at run time, nothing to trim, and no native helper library beside the AOT binary.
/// Names and constants follow the C headers (Linux, x86_64 and arm64).
/// </summary>
internal static partial class LibC
{
    public const int O_RDONLY = 0;
    public const int O_RDWR = 2;
    public const int O_CLOEXEC = 0x80000;
    public const int O_SYNC = 0x101000;

    /// <summary>O_DIRECT differs by architecture (asm-generic 0x4000; arm64 0x10000).</summary>
    public static readonly int O_DIRECT = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x10000 : 0x4000;

    /// <summary><c>_IO(0x12, 104)</c>: logical sector size of a block device, as an int.</summary>
    public const nuint BLKSSZGET = 0x1268;

    public const int EINTR = 4;
    public const int EINVAL = 22;
    public const int ENOTTY = 25;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    public static unsafe partial nint PRead(SafeHandle fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    public static unsafe partial nint PWrite(SafeHandle fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static unsafe partial int IoctlInt(SafeHandle fd, nuint request, int* value);

    /// <summary>The text of an errno, e.g. "No such file or directory".</summary>
    public static string StrError(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
