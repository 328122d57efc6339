using static System.Buffers.Binary.BinaryPrimitives;

namespace Sanlock.OnDisk;

/// <summary>
/// One 64-byte rindex entry: where resource lease N lives and its name. Offset 0 and an empty name mean free.
/// </summary>
/// <remarks>sanlock-disk-format.md §8. No checksum.</remarks>
public record struct RindexEntry
{
    public const int Size = 64;

    public const int ResOffsetOffset = 0;
    public const int FlagsOffset = 8;
    public const int UnusedOffset = 12;
    public const int NameOffset = 16;

    /// <summary>Absolute offset of the resource lease (rx_offset + (2 + N) · align_size).</summary>
    public ulong ResOffset { get; set; }

    public uint Flags { get; set; }

    public uint Unused { get; set; }

    public LeaseName Name { get; set; }

    public readonly bool IsFree => ResOffset == 0 && Name.IsEmpty;

    public static RindexEntry Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ArgumentException($"an rindex entry needs {Size} bytes, got {source.Length}", nameof(source));
        }

        return new RindexEntry
        {
            ResOffset = ReadUInt64LittleEndian(source[ResOffsetOffset..]),
            Flags = ReadUInt32LittleEndian(source[FlagsOffset..]),
            Unused = ReadUInt32LittleEndian(source[UnusedOffset..]),
            Name = LeaseName.FromBytes(source.Slice(NameOffset, LeaseName.Size)),
        };
    }

    public readonly void Encode(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"an rindex entry needs {Size} bytes, got {destination.Length}", nameof(destination));
        }

        WriteUInt64LittleEndian(destination[ResOffsetOffset..], ResOffset);
        WriteUInt32LittleEndian(destination[FlagsOffset..], Flags);
        WriteUInt32LittleEndian(destination[UnusedOffset..], Unused);
        Name.WriteTo(destination[NameOffset..]);
    }
}
