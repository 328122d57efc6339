using Sanlock.Posix;

namespace Sanlock.Libvirt.Accounts;

/// <summary>The system's account database (libc through <see cref="AccountLookup"/>).</summary>
public sealed class LibcAccountDatabase : IAccountDatabase
{
    public static LibcAccountDatabase Instance { get; } = new();

    public bool TryGetUserId(string name, out uint uid) => AccountLookup.TryGetUserId(name, out uid);

    public bool TryGetGroupId(string name, out uint gid) => AccountLookup.TryGetGroupId(name, out gid);
}
