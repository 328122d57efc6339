namespace Sanlock.Protocol.Structs;

/// <summary><c>sanlk_options</c>: the owner name sent after ACQUIRE's resources, 56 bytes.</summary>
/// <remarks>sanlock-wire-protocol.md §3.4.</remarks>
public readonly record struct SanlkOptions(string OwnerName, uint Flags = 0, uint Len = 0)
{
    public const int Size = 56;
    public const int OwnerNameSize = 48;

    public static SanlkOptions Empty => new(string.Empty);

    public static SanlkOptions Read(ref WireReader reader)
    {
        string owner = reader.ReadFixedString(OwnerNameSize, "sanlk_options.owner_name");
        uint flags = reader.ReadUInt32("sanlk_options.flags");
        uint len = reader.ReadUInt32("sanlk_options.len");
        return new SanlkOptions(owner, flags, len);
    }

    public void Write(ref WireWriter writer)
    {
        writer.WriteFixedString(OwnerName ?? string.Empty, OwnerNameSize, "sanlk_options.owner_name");
        writer.WriteUInt32(Flags);
        writer.WriteUInt32(Len);
    }
}
