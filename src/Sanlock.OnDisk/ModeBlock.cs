using static System.Buffers.Binary.BinaryPrimitives;

namespace Sanlock.OnDisk;

/// <summary>
/// The mode block at byte 128 of a host's dblock sector: a shared (SH) holder marks itself here.
/// Bytes 4..7 are padding sanlock may leave uninitialised: ignored on read, written as zero.
/// </summary>
/// <remarks>sanlock-disk-format.md §5.2. No checksum.</remarks>
public record struct ModeBlock
{
    /// <summary>Offset of the mode block inside the dblock sector.</summary>
    public const int Offset = 128;
    public const int Size = 16;

    public const uint FlagShared = 0x1;

    public const int FlagsOffset = 0;
    public const int PaddingOffset = 4;
    public const int GenerationOffset = 8;

    public uint Flags { get; set; }

    /// <summary>Host generation of the shared holder.</summary>
    public ulong Generation { get; set; }

    public readonly bool IsShared => (Flags & FlagShared) != 0;

    /// <summary>Reads the 16-byte record (not the sector: pass <c>sector[ModeBlock.Offset..]</c>).</summary>
    public static ModeBlock Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ArgumentException($"a mode block needs {Size} bytes, got {source.Length}", nameof(source));
        }

        return new ModeBlock
        {
            Flags = ReadUInt32LittleEndian(source[FlagsOffset..]),
            Generation = ReadUInt64LittleEndian(source[GenerationOffset..]),
        };
    }

    /// <summary>Writes the 16-byte record with zero padding.</summary>
    public readonly void Encode(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"a mode block needs {Size} bytes, got {destination.Length}", nameof(destination));
        }

        WriteUInt32LittleEndian(destination[FlagsOffset..], Flags);
        WriteUInt32LittleEndian(destination[PaddingOffset..], 0);
        WriteUInt64LittleEndian(destination[GenerationOffset..], Generation);
    }
}
