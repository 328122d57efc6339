using Mono.Unix.Native;

namespace Sanlock.Posix;

/// <summary>
/// User and group names to ids through libc's reentrant getpwnam_r/getgrnam_r (Mono.Posix), so names from NSS
/// sources (LDAP, sssd) resolve as they do for libvirt and sanlock. Needs libMonoPosixHelper.so beside an AOT binary.
/// </summary>
public static class AccountLookup
{
    public static bool TryGetUserId(string name, out uint uid)
    {
        uid = 0;
        if (!IsPlausibleName(name) || Syscall.getpwnam_r(name, new Passwd(), out var entry) != 0 || entry is null)
        {
            return false;
        }

        uid = entry.pw_uid;
        return true;
    }

    public static bool TryGetGroupId(string name, out uint gid)
    {
        gid = 0;
        if (!IsPlausibleName(name) || Syscall.getgrnam_r(name, new Group(), out var entry) != 0 || entry is null)
        {
            return false;
        }

        gid = entry.gr_gid;
        return true;
    }

    private static bool IsPlausibleName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 0 && !name.Contains('\0', StringComparison.Ordinal);
    }
}
