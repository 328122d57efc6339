namespace Sanlock.Protocol.Structs;

/// <summary><c>sanlk_host_event</c>: target host, generation and the application's event/data, 32 bytes.</summary>
/// <remarks>sanlock-wire-protocol.md §3.6.</remarks>
public readonly record struct SanlkHostEvent(ulong HostId, ulong Generation, ulong Event, ulong Data)
{
    public const int Size = 32;

    public static SanlkHostEvent Read(ref WireReader reader) => new(
        reader.ReadUInt64("sanlk_host_event.host_id"),
        reader.ReadUInt64("sanlk_host_event.generation"),
        reader.ReadUInt64("sanlk_host_event.event"),
        reader.ReadUInt64("sanlk_host_event.data"));

    public void Write(ref WireWriter writer)
    {
        writer.WriteUInt64(HostId);
        writer.WriteUInt64(Generation);
        writer.WriteUInt64(Event);
        writer.WriteUInt64(Data);
    }
}
