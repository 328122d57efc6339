using Sanlock.Protocol.Flags;

namespace Sanlock.Protocol.Structs;

/// <summary><c>sanlk_lockspace</c>: name, host_id, flags and the delta-lease disk, 1104 bytes.</summary>
/// <remarks>sanlock-wire-protocol.md §3.3. <see cref="Padding"/> (offset 60) is kept only so captured bytes re-encode
/// exactly: the real daemon leaks buffer bytes there; ignore it on input and send 0.</remarks>
public readonly record struct SanlkLockspace(string Name, ulong HostId, LockspaceFlags Flags, SanlkDisk HostIdDisk, uint Padding = 0)
{
    public const int Size = 1104;
    public const int NameSize = 48;

    public static SanlkLockspace Read(ref WireReader reader)
    {
        string name = reader.ReadFixedString(NameSize, "sanlk_lockspace.name");
        ulong hostId = reader.ReadUInt64("sanlk_lockspace.host_id");
        var flags = (LockspaceFlags)reader.ReadUInt32("sanlk_lockspace.flags");
        uint padding = reader.ReadUInt32("sanlk_lockspace.padding");
        SanlkDisk disk = SanlkDisk.Read(ref reader);
        return new SanlkLockspace(name, hostId, flags, disk, padding);
    }

    public void Write(ref WireWriter writer)
    {
        writer.WriteFixedString(Name ?? string.Empty, NameSize, "sanlk_lockspace.name");
        writer.WriteUInt64(HostId);
        writer.WriteUInt32((uint)Flags);
        writer.WriteUInt32(Padding);
        (HostIdDisk.Path is null ? new SanlkDisk(string.Empty, 0) : HostIdDisk).Write(ref writer);
    }
}
