namespace Sanlock.Protocol.Structs;

/// <summary><c>sanlk_rindex</c>: where a resource index lives and for which lockspace, 1104 bytes.</summary>
/// <remarks>sanlock-wire-protocol.md §3.8.</remarks>
public readonly record struct SanlkRindex(uint Flags, uint MaxResources, ulong Unused, string LockspaceName, SanlkDisk Disk)
{
    public const int Size = 1104;

    public static SanlkRindex Read(ref WireReader reader)
    {
        uint flags = reader.ReadUInt32("sanlk_rindex.flags");
        uint max = reader.ReadUInt32("sanlk_rindex.max_resources");
        ulong unused = reader.ReadUInt64("sanlk_rindex.unused");
        string ls = reader.ReadFixedString(48, "sanlk_rindex.lockspace_name");
        SanlkDisk disk = SanlkDisk.Read(ref reader);
        return new SanlkRindex(flags, max, unused, ls, disk);
    }

    public void Write(ref WireWriter writer)
    {
        writer.WriteUInt32(Flags);
        writer.WriteUInt32(MaxResources);
        writer.WriteUInt64(Unused);
        writer.WriteFixedString(LockspaceName ?? string.Empty, 48, "sanlk_rindex.lockspace_name");
        (Disk.Path is null ? new SanlkDisk(string.Empty, 0) : Disk).Write(ref writer);
    }
}
