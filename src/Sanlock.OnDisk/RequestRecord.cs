using static System.Buffers.Binary.BinaryPrimitives;

namespace Sanlock.OnDisk;

/// <summary>
/// The request record in sector 1 of a resource lease: asks the holder of a lease version to give it up.
/// Bytes 20..23 are padding (may be uninitialised in sanlock-written data): ignored on read, zero on write.
/// </summary>
/// <remarks>sanlock-disk-format.md §5.3, §7.9. No checksum.</remarks>
public record struct RequestRecord
{
    public const int Size = 24;
    public const uint RequestMagic = 0x08292011;
    public const uint RequestVersion = 0x00010001;
    public const uint MajorVersion = 1;

    public const uint ForceNone = 0;

    /// <summary>Kill the holder with SIGKILL.</summary>
    public const uint ForceKill = 1;

    /// <summary>Run the holder's killpath, or SIGTERM.</summary>
    public const uint ForceGraceful = 2;

    public const int MagicOffset = 0;
    public const int VersionOffset = 4;
    public const int LverOffset = 8;
    public const int ForceModeOffset = 16;
    public const int PaddingOffset = 20;

    public uint Magic { get; set; }

    public uint Version { get; set; }

    public ulong Lver { get; set; }

    public uint ForceMode { get; set; }

    /// <summary>A cleared request (what <c>direct init -r</c> writes).</summary>
    public static RequestRecord Empty => new() { Magic = RequestMagic, Version = RequestVersion };

    public static RequestRecord Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ArgumentException($"a request record needs {Size} bytes, got {source.Length}", nameof(source));
        }

        return new RequestRecord
        {
            Magic = ReadUInt32LittleEndian(source[MagicOffset..]),
            Version = ReadUInt32LittleEndian(source[VersionOffset..]),
            Lver = ReadUInt64LittleEndian(source[LverOffset..]),
            ForceMode = ReadUInt32LittleEndian(source[ForceModeOffset..]),
        };
    }

    /// <summary>Writes the 24 bytes (padding zero).</summary>
    public readonly void Encode(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"a request record needs {Size} bytes, got {destination.Length}", nameof(destination));
        }

        WriteUInt32LittleEndian(destination[MagicOffset..], Magic);
        WriteUInt32LittleEndian(destination[VersionOffset..], Version);
        WriteUInt64LittleEndian(destination[LverOffset..], Lver);
        WriteUInt32LittleEndian(destination[ForceModeOffset..], ForceMode);
        WriteUInt32LittleEndian(destination[PaddingOffset..], 0);
    }

    /// <summary>−270 for a wrong magic, −271 for a wrong major version, else Ok.</summary>
    public readonly SanlockError Validate() =>
        Magic != RequestMagic ? SanlockError.RequestMagic
        : Version >> 16 != MajorVersion ? SanlockError.RequestVersion
        : SanlockError.Ok;
}
