using Sanlock.Libvirt.Accounts;

namespace Sanlock.UnitTests.Libvirt;

/// <summary>A fixed passwd/group table: users sanlock=179, qemu=64055 and a user literally named "1234" (uid 77).</summary>
internal sealed class FakeAccountDatabase : IAccountDatabase
{
    private static readonly Dictionary<string, uint> Users = new() { ["root"] = 0, ["sanlock"] = 179, ["qemu"] = 64055, ["1234"] = 77 };
    private static readonly Dictionary<string, uint> Groups = new() { ["root"] = 0, ["sanlock"] = 180, ["kvm"] = 108 };

    public static FakeAccountDatabase Instance { get; } = new();

    public bool TryGetUserId(string name, out uint uid) => Users.TryGetValue(name, out uid);

    public bool TryGetGroupId(string name, out uint gid) => Groups.TryGetValue(name, out gid);
}
