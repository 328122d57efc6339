using System.Buffers.Binary;

namespace Sanlock.Libvirt.Accounts;

/// <summary>
/// Name lookups through libc's reentrant getpwnam_r/getgrnam_r, so users from NSS sources (LDAP, sssd) resolve the
/// way they do for libvirt.
/// </summary>
/// <remarks>
/// Only the id field is read. On the LP64 glibc ABI both <c>struct passwd</c> and <c>struct group</c> start with two
/// pointers (name, password), so the id sits at byte 16; <c>pw_gid</c> follows <c>pw_uid</c>.
/// </remarks>
public sealed class LibcAccountDatabase : IAccountDatabase
{
    private const int IdOffset = 16;
    private const int StructBytes = 64;
    private const int MaxScratchBytes = 1 << 20;

    public static LibcAccountDatabase Instance { get; } = new();

    public bool TryGetUserId(string name, out uint uid) => TryLookUp(name, user: true, out uid);

    public bool TryGetGroupId(string name, out uint gid) => TryLookUp(name, user: false, out gid);

    private static unsafe bool TryLookUp(string name, bool user, out uint id)
    {
        ArgumentNullException.ThrowIfNull(name);
        id = 0;
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        byte* record = stackalloc byte[StructBytes];
        for (int scratchBytes = 4096; scratchBytes <= MaxScratchBytes; scratchBytes *= 2)
        {
            byte[] scratch = new byte[scratchBytes];
            byte* result = null;
            int rc;
            fixed (byte* buf = scratch)
            {
                rc = user
                    ? Libc.getpwnam_r(name, record, buf, (nuint)scratchBytes, &result)
                    : Libc.getgrnam_r(name, record, buf, (nuint)scratchBytes, &result);
            }

            if (rc == Libc.ERANGE)
            {
                continue;
            }

            if (rc != 0 || result == null)
            {
                return false;
            }

            id = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(record + IdOffset, sizeof(uint)));
            return true;
        }

        return false;
    }
}
