using System.Runtime.InteropServices;

namespace Sanlock.Libvirt;

/// <summary>
/// The few libc calls the libvirt layer needs: <c>access</c> for libvirt's "missing file means defaults" rule and the
/// reentrant passwd/group lookups (which honour NSS, unlike reading /etc/passwd).
/// </summary>
internal static partial class Libc
{
    public const int ENOENT = 2;
    public const int EISDIR = 21;
    public const int ERANGE = 34;
    private const int R_OK = 4;

    /// <returns>0 when the file is readable, else the errno.</returns>
    public static int AccessReadable(string path) => access(path, R_OK) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static string StrError(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int getpwnam_r(string name, byte* pwd, byte* buf, nuint buflen, byte** result);

    [LibraryImport("libc", EntryPoint = "getgrnam_r", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int getgrnam_r(string name, byte* grp, byte* buf, nuint buflen, byte** result);
}
