using Sanlock.Protocol.Flags;

namespace Sanlock.Protocol.Structs;

/// <summary><c>sanlk_host</c>: one host of GET_HOSTS or one owner of READ_RESOURCE_OWNERS, 32 bytes.</summary>
/// <remarks>sanlock-wire-protocol.md §3.5.</remarks>
public readonly record struct SanlkHost(ulong HostId, ulong Generation, ulong Timestamp, uint IoTimeout, uint Flags)
{
    public const int Size = 32;

    public HostState State => (HostState)(Flags & 0xF);

    public static SanlkHost Read(ref WireReader reader) => new(
        reader.ReadUInt64("sanlk_host.host_id"),
        reader.ReadUInt64("sanlk_host.generation"),
        reader.ReadUInt64("sanlk_host.timestamp"),
        reader.ReadUInt32("sanlk_host.io_timeout"),
        reader.ReadUInt32("sanlk_host.flags"));

    public void Write(ref WireWriter writer)
    {
        writer.WriteUInt64(HostId);
        writer.WriteUInt64(Generation);
        writer.WriteUInt64(Timestamp);
        writer.WriteUInt32(IoTimeout);
        writer.WriteUInt32(Flags);
    }
}
