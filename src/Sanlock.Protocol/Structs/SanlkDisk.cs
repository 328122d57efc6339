namespace Sanlock.Protocol.Structs;

/// <summary><c>sanlk_disk</c>: a lease location (path + byte offset), 1040 bytes.</summary>
/// <remarks>sanlock-wire-protocol.md §3.1. pad1/pad2 are kept so captured bytes re-encode exactly (the real daemon
/// leaks sector size / fd there in STATUS); clients send 0.</remarks>
public readonly record struct SanlkDisk(string Path, ulong Offset, uint Pad1 = 0, uint Pad2 = 0)
{
    public const int Size = 1040;
    public const int PathSize = 1024;

    public static SanlkDisk Read(ref WireReader reader)
    {
        string path = reader.ReadFixedString(PathSize, "sanlk_disk.path");
        ulong offset = reader.ReadUInt64("sanlk_disk.offset");
        uint pad1 = reader.ReadUInt32("sanlk_disk.pad1");
        uint pad2 = reader.ReadUInt32("sanlk_disk.pad2");
        return new SanlkDisk(path, offset, pad1, pad2);
    }

    public void Write(ref WireWriter writer)
    {
        writer.WriteFixedString(Path ?? string.Empty, PathSize, "sanlk_disk.path");
        writer.WriteUInt64(Offset);
        writer.WriteUInt32(Pad1);
        writer.WriteUInt32(Pad2);
    }
}
