using System.Runtime.InteropServices;

namespace Sanlock.Libvirt;

/// <summary>
/// The few libc calls the libvirt layer needs: <c>access</c> for libvirt's "missing file means defaults" rule
/// (account lookups: Sanlock.Posix.AccountLookup).
/// </summary>
internal static partial class Libc
{
    public const int ENOENT = 2;
    public const int EISDIR = 21;
    private const int R_OK = 4;

    /// <returns>0 when the file is readable, else the errno.</returns>
    public static int AccessReadable(string path) => access(path, R_OK) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static string StrError(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int access(string path, int mode);
}
