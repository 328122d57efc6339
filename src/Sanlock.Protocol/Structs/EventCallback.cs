namespace Sanlock.Protocol.Structs;

/// <summary>The unsolicited 80-byte message sent on an event channel: header (cmd 1, length 80) + the event as set
/// by the sender + the sender's host_id and generation.</summary>
/// <remarks>sanlock-wire-protocol.md §3.9 and §4.31.</remarks>
public readonly record struct EventCallback(SmHeader Header, SanlkHostEvent Event, ulong FromHostId, ulong FromGeneration)
{
    public const int Size = SmHeader.Size + SanlkHostEvent.Size + 16;

    public static EventCallback Create(SanlkHostEvent hostEvent, ulong fromHostId, ulong fromGeneration) => new(
        new SmHeader(SmHeader.SmMagic, SmHeader.ProtocolVersion, SmCommand.Register, 0, Size, 0, 0, 0),
        hostEvent, fromHostId, fromGeneration);

    public static EventCallback Read(ReadOnlySpan<byte> source)
    {
        SmHeader header = SmHeader.Read(source);
        var reader = new WireReader(source[SmHeader.Size..], SmHeader.Size);
        SanlkHostEvent hostEvent = SanlkHostEvent.Read(ref reader);
        ulong fromHost = reader.ReadUInt64("event.from_host_id");
        ulong fromGen = reader.ReadUInt64("event.from_generation");
        return new EventCallback(header, hostEvent, fromHost, fromGen);
    }

    public void Write(Span<byte> destination)
    {
        Header.Write(destination);
        var writer = new WireWriter(destination[SmHeader.Size..Size]);
        Event.Write(ref writer);
        writer.WriteUInt64(FromHostId);
        writer.WriteUInt64(FromGeneration);
    }
}
