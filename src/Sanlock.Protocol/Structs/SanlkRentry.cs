namespace Sanlock.Protocol.Structs;

/// <summary><c>sanlk_rentry</c>: one resource index entry (name + lease offset), 64 bytes.</summary>
/// <remarks>sanlock-wire-protocol.md §3.8.</remarks>
public readonly record struct SanlkRentry(string Name, ulong Offset, uint Flags = 0, uint Unused = 0)
{
    public const int Size = 64;

    public static SanlkRentry Read(ref WireReader reader)
    {
        string name = reader.ReadFixedString(48, "sanlk_rentry.name");
        ulong offset = reader.ReadUInt64("sanlk_rentry.offset");
        uint flags = reader.ReadUInt32("sanlk_rentry.flags");
        uint unused = reader.ReadUInt32("sanlk_rentry.unused");
        return new SanlkRentry(name, offset, flags, unused);
    }

    public void Write(ref WireWriter writer)
    {
        writer.WriteFixedString(Name ?? string.Empty, 48, "sanlk_rentry.name");
        writer.WriteUInt64(Offset);
        writer.WriteUInt32(Flags);
        writer.WriteUInt32(Unused);
    }
}
