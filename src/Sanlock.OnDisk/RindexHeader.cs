using static System.Buffers.Binary.BinaryPrimitives;

namespace Sanlock.OnDisk;

/// <summary>
/// The resource index header in sector 0 of an rindex area. Its align flag numbering (1, 2, 4, 8 for 1–8 MiB)
/// differs from the leader's.
/// </summary>
/// <remarks>sanlock-disk-format.md §8. No checksum.</remarks>
public record struct RindexHeader
{
    public const int Size = 80;
    public const uint RindexMagic = 0x01042018;
    public const uint RindexVersion = 0x00010002;
    public const uint MajorVersion = 1;

    /// <summary>max_resources when the caller gives none.</summary>
    public const uint DefaultMaxResources = 4096;

    public const int MagicOffset = 0;
    public const int VersionOffset = 4;
    public const int FlagsOffset = 8;
    public const int SectorSizeOffset = 12;
    public const int MaxResourcesOffset = 16;
    public const int UnusedOffset = 20;
    public const int RxOffsetOffset = 24;
    public const int LockspaceNameOffset = 32;

    public uint Magic { get; set; }

    public uint Version { get; set; }

    /// <summary>Align flag: 0x1 = 1 MiB, 0x2 = 2 MiB, 0x4 = 4 MiB, 0x8 = 8 MiB.</summary>
    public uint Flags { get; set; }

    public uint SectorSize { get; set; }

    public uint MaxResources { get; set; }

    public uint Unused { get; set; }

    /// <summary>Absolute offset of this header (checked on read).</summary>
    public ulong RxOffset { get; set; }

    public LeaseName LockspaceName { get; set; }

    public static RindexHeader Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ArgumentException($"an rindex header needs {Size} bytes, got {source.Length}", nameof(source));
        }

        return new RindexHeader
        {
            Magic = ReadUInt32LittleEndian(source[MagicOffset..]),
            Version = ReadUInt32LittleEndian(source[VersionOffset..]),
            Flags = ReadUInt32LittleEndian(source[FlagsOffset..]),
            SectorSize = ReadUInt32LittleEndian(source[SectorSizeOffset..]),
            MaxResources = ReadUInt32LittleEndian(source[MaxResourcesOffset..]),
            Unused = ReadUInt32LittleEndian(source[UnusedOffset..]),
            RxOffset = ReadUInt64LittleEndian(source[RxOffsetOffset..]),
            LockspaceName = LeaseName.FromBytes(source.Slice(LockspaceNameOffset, LeaseName.Size)),
        };
    }

    public readonly void Encode(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"an rindex header needs {Size} bytes, got {destination.Length}", nameof(destination));
        }

        WriteUInt32LittleEndian(destination[MagicOffset..], Magic);
        WriteUInt32LittleEndian(destination[VersionOffset..], Version);
        WriteUInt32LittleEndian(destination[FlagsOffset..], Flags);
        WriteUInt32LittleEndian(destination[SectorSizeOffset..], SectorSize);
        WriteUInt32LittleEndian(destination[MaxResourcesOffset..], MaxResources);
        WriteUInt32LittleEndian(destination[UnusedOffset..], Unused);
        WriteUInt64LittleEndian(destination[RxOffsetOffset..], RxOffset);
        LockspaceName.WriteTo(destination[LockspaceNameOffset..]);
    }

    /// <summary>The geometry named by <see cref="Flags"/> and <see cref="SectorSize"/>.</summary>
    public readonly bool TryGetGeometry(out LeaseGeometry geometry) => LeaseGeometry.TryFromRindex(Flags, SectorSize, out geometry);
}
