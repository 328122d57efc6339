using Sanlock.Protocol.Flags;

namespace Sanlock.Protocol.Structs;

/// <summary><c>sanlk_resource</c>: 128 bytes, followed on the wire by <see cref="NumDisks"/> × <see cref="SanlkDisk"/>
/// only where the command sends disks.</summary>
/// <remarks>sanlock-wire-protocol.md §3.2. <see cref="NumDisks"/> is the field as sent; <see cref="Disks"/> holds the
/// disks actually present (empty for "without disks" bodies such as RELEASE or CONVERT).</remarks>
public sealed record SanlkResource(
    string LockspaceName,
    string Name,
    ulong Lver,
    ulong Data64,
    uint Data32,
    uint Unused,
    ResourceFlags Flags,
    uint NumDisks,
    IReadOnlyList<SanlkDisk> Disks)
{
    public const int Size = 128;
    public const int NameSize = 48;
    public const int NumDisksOffset = 124;

    /// <summary>A resource with its disks (num_disks = disk count).</summary>
    public static SanlkResource Create(string lockspaceName, string name, IReadOnlyList<SanlkDisk> disks,
        ResourceFlags flags = ResourceFlags.None, ulong lver = 0) =>
        new(lockspaceName, name, lver, 0, 0, 0, flags, (uint)disks.Count, disks);

    public int EncodedLengthWithDisks => Size + (Disks.Count * SanlkDisk.Size);

    /// <summary>Reads the 128-byte struct only; <see cref="Disks"/> is empty.</summary>
    public static SanlkResource ReadHeader(ref WireReader reader)
    {
        string ls = reader.ReadFixedString(NameSize, "sanlk_resource.lockspace_name");
        string name = reader.ReadFixedString(NameSize, "sanlk_resource.name");
        ulong lver = reader.ReadUInt64("sanlk_resource.lver");
        ulong data64 = reader.ReadUInt64("sanlk_resource.data64");
        uint data32 = reader.ReadUInt32("sanlk_resource.data32");
        uint unused = reader.ReadUInt32("sanlk_resource.unused");
        var flags = (ResourceFlags)reader.ReadUInt32("sanlk_resource.flags");
        uint numDisks = reader.ReadUInt32("sanlk_resource.num_disks");
        return new SanlkResource(ls, name, lver, data64, data32, unused, flags, numDisks, []);
    }

    /// <summary>Reads the struct and its disks; num_disks outside 1..4 is a protocol error (the daemon answers
    /// −ERANGE, which the frame reader reports before this is called).</summary>
    public static SanlkResource ReadWithDisks(ref WireReader reader)
    {
        int at = reader.MessageOffset;
        SanlkResource resource = ReadHeader(ref reader);
        if (resource.NumDisks is 0 or > ProtocolLimits.MaxDisks)
        {
            ProtocolThrow.Invalid("sanlk_resource.num_disks", at + NumDisksOffset,
                $"{resource.NumDisks} disks (must be 1..{ProtocolLimits.MaxDisks})");
        }
        var disks = new SanlkDisk[resource.NumDisks];
        for (int i = 0; i < disks.Length; i++)
        {
            disks[i] = SanlkDisk.Read(ref reader);
        }
        return resource with { Disks = disks };
    }

    /// <summary>Writes the 128-byte struct (num_disks as recorded), without disks.</summary>
    public void WriteHeader(ref WireWriter writer)
    {
        writer.WriteFixedString(LockspaceName ?? string.Empty, NameSize, "sanlk_resource.lockspace_name");
        writer.WriteFixedString(Name ?? string.Empty, NameSize, "sanlk_resource.name");
        writer.WriteUInt64(Lver);
        writer.WriteUInt64(Data64);
        writer.WriteUInt32(Data32);
        writer.WriteUInt32(Unused);
        writer.WriteUInt32((uint)Flags);
        writer.WriteUInt32(NumDisks);
    }

    public void WriteWithDisks(ref WireWriter writer)
    {
        WriteHeader(ref writer);
        foreach (SanlkDisk disk in Disks)
        {
            disk.Write(ref writer);
        }
    }

    public bool Equals(SanlkResource? other) =>
        other is not null && LockspaceName == other.LockspaceName && Name == other.Name && Lver == other.Lver &&
        Data64 == other.Data64 && Data32 == other.Data32 && Unused == other.Unused && Flags == other.Flags &&
        NumDisks == other.NumDisks && Disks.SequenceEqual(other.Disks);

    public override int GetHashCode() => HashCode.Combine(LockspaceName, Name, Lver, Flags, NumDisks);
}
