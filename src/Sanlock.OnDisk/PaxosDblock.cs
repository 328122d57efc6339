using static System.Buffers.Binary.BinaryPrimitives;

namespace Sanlock.OnDisk;

/// <summary>
/// The 56-byte paxos dblock of one host, at byte 0 of sector h+1 of a resource lease.
/// The checksum covers bytes 0..47 (mbal..lver); <see cref="Flags"/> (RELEASED) is outside it.
/// </summary>
/// <remarks>sanlock-disk-format.md §3, §5.1.</remarks>
public record struct PaxosDblock
{
    public const int Size = 56;
    public const int ChecksumLength = 48;

    /// <summary>The holder released (or never held) the lease this ballot was for.</summary>
    public const uint FlagReleased = 0x1;

    public const int MbalOffset = 0;
    public const int BalOffset = 8;
    public const int InpOffset = 16;
    public const int Inp2Offset = 24;
    public const int Inp3Offset = 32;
    public const int LverOffset = 40;
    public const int ChecksumOffset = 48;
    public const int FlagsOffset = 52;

    /// <summary>Ballot number this host promised/used.</summary>
    public ulong Mbal { get; set; }

    /// <summary>Ballot number of the value in Inp* (0 = none).</summary>
    public ulong Bal { get; set; }

    /// <summary>Proposed owner host_id.</summary>
    public ulong Inp { get; set; }

    /// <summary>Proposed owner generation.</summary>
    public ulong Inp2 { get; set; }

    /// <summary>Proposed owner timestamp (proposer's monotonic seconds).</summary>
    public ulong Inp3 { get; set; }

    /// <summary>Lease version the ballot is for.</summary>
    public ulong Lver { get; set; }

    public uint Checksum { get; set; }

    public uint Flags { get; set; }

    public readonly bool IsReleased => (Flags & FlagReleased) != 0;

    /// <summary>Checksum, mbal, bal, inp and lver all zero: accepted without a CRC check.</summary>
    public readonly bool IsNeverWritten => Checksum == 0 && Mbal == 0 && Bal == 0 && Inp == 0 && Lver == 0;

    /// <summary>The §3 acceptance rule: never written, or the CRC matches.</summary>
    public readonly bool IsChecksumValid => IsNeverWritten || Checksum == ComputeChecksum();

    /// <summary>Reads bytes 0..55. No validation.</summary>
    public static PaxosDblock Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ArgumentException($"a paxos dblock needs {Size} bytes, got {source.Length}", nameof(source));
        }

        return new PaxosDblock
        {
            Mbal = ReadUInt64LittleEndian(source[MbalOffset..]),
            Bal = ReadUInt64LittleEndian(source[BalOffset..]),
            Inp = ReadUInt64LittleEndian(source[InpOffset..]),
            Inp2 = ReadUInt64LittleEndian(source[Inp2Offset..]),
            Inp3 = ReadUInt64LittleEndian(source[Inp3Offset..]),
            Lver = ReadUInt64LittleEndian(source[LverOffset..]),
            Checksum = ReadUInt32LittleEndian(source[ChecksumOffset..]),
            Flags = ReadUInt32LittleEndian(source[FlagsOffset..]),
        };
    }

    /// <summary>Writes bytes 0..55 with a freshly computed checksum, stores it in <see cref="Checksum"/> and returns it.</summary>
    public uint Encode(Span<byte> destination)
    {
        EncodeWithStoredChecksum(destination);
        Checksum = SanlockChecksum.Compute(destination[..ChecksumLength]);
        WriteUInt32LittleEndian(destination[ChecksumOffset..], Checksum);
        return Checksum;
    }

    /// <summary>Writes bytes 0..55 exactly as the fields are (e.g. setting RELEASED keeps the checksum).</summary>
    public readonly void EncodeWithStoredChecksum(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"a paxos dblock needs {Size} bytes, got {destination.Length}", nameof(destination));
        }

        WriteUInt64LittleEndian(destination[MbalOffset..], Mbal);
        WriteUInt64LittleEndian(destination[BalOffset..], Bal);
        WriteUInt64LittleEndian(destination[InpOffset..], Inp);
        WriteUInt64LittleEndian(destination[Inp2Offset..], Inp2);
        WriteUInt64LittleEndian(destination[Inp3Offset..], Inp3);
        WriteUInt64LittleEndian(destination[LverOffset..], Lver);
        WriteUInt32LittleEndian(destination[ChecksumOffset..], Checksum);
        WriteUInt32LittleEndian(destination[FlagsOffset..], Flags);
    }

    /// <summary>The CRC of the encoded bytes 0..47.</summary>
    public readonly uint ComputeChecksum()
    {
        Span<byte> buffer = stackalloc byte[Size];
        EncodeWithStoredChecksum(buffer);
        return SanlockChecksum.Compute(buffer[..ChecksumLength]);
    }
}
