using static System.Buffers.Binary.BinaryPrimitives;

namespace Sanlock.OnDisk;

/// <summary>
/// The 200-byte leader record at byte 0 of a sector: the delta lease of one host in a lockspace, or the
/// leader (sector 0) of a paxos lease. Field meanings differ by use; see sanlock-disk-format.md §2.
/// </summary>
/// <remarks>
/// <see cref="Decode"/> does no validation (see <see cref="LeaderValidation"/>). <see cref="Encode"/> writes
/// bytes 0..199 only; the rest of the sector (zero, or the host bitmap at 256) is the caller's.
/// </remarks>
public record struct Leader
{
    public const int Size = 200;

    /// <summary>Bytes covered by the checksum (0..167, everything before the checksum field).</summary>
    public const int ChecksumLength = 168;

    public const uint DeltaMagic = 0x12212010;
    public const uint PaxosMagic = 0x06152010;

    /// <summary>A paxos leader invalidated by <c>direct init -r -z 1</c> or rindex delete.</summary>
    public const uint ClearMagic = 0x11282016;

    public const uint DeltaVersion = 0x00030004;
    public const uint PaxosVersion = 0x00060004;
    public const uint DeltaMajorVersion = 3;
    public const uint PaxosMajorVersion = 6;

    /// <summary>Paxos leader flag: the exclusive hold is momentary (part of a shared acquire).</summary>
    public const uint FlagShortHold = 0x1;

    public const int MagicOffset = 0;
    public const int VersionOffset = 4;
    public const int FlagsOffset = 8;
    public const int SectorSizeOffset = 12;
    public const int NumHostsOffset = 16;
    public const int MaxHostsOffset = 24;
    public const int OwnerIdOffset = 32;
    public const int OwnerGenerationOffset = 40;
    public const int LverOffset = 48;
    public const int SpaceNameOffset = 56;
    public const int ResourceNameOffset = 104;
    public const int TimestampOffset = 152;
    public const int Unused1Offset = 160;
    public const int ChecksumOffset = 168;
    public const int Unused2Offset = 172;
    public const int IoTimeoutOffset = 174;
    public const int WriteIdOffset = 176;
    public const int WriteGenerationOffset = 184;
    public const int WriteTimestampOffset = 192;

    public uint Magic { get; set; }

    public uint Version { get; set; }

    public uint Flags { get; set; }

    public uint SectorSize { get; set; }

    public ulong NumHosts { get; set; }

    public ulong MaxHosts { get; set; }

    public ulong OwnerId { get; set; }

    public ulong OwnerGeneration { get; set; }

    public ulong Lver { get; set; }

    public LeaseName SpaceName { get; set; }

    /// <summary>Resource name of a paxos lease; the owner's host name in a delta lease.</summary>
    public LeaseName ResourceName { get; set; }

    /// <summary>Owner's monotonic seconds; 0 means free.</summary>
    public ulong Timestamp { get; set; }

    public ulong Unused1 { get; set; }

    public uint Checksum { get; set; }

    public ushort Unused2 { get; set; }

    public ushort IoTimeout { get; set; }

    /// <summary>Paxos: host_id of the last writer. Delta: host-event generation.</summary>
    public ulong WriteId { get; set; }

    /// <summary>Paxos: generation of the last writer. Delta: host-event event value.</summary>
    public ulong WriteGeneration { get; set; }

    /// <summary>Paxos: the last writer's monotonic seconds. Delta: host-event data value.</summary>
    public ulong WriteTimestamp { get; set; }

    /// <summary>Major version (upper 16 bits), the only part readers check.</summary>
    public readonly uint MajorVersion => Version >> 16;

    /// <summary>True when the lease has no owner (timestamp 0).</summary>
    public readonly bool IsFree => Timestamp == 0;

    /// <summary>Reads bytes 0..199. No validation; throws <see cref="ArgumentException"/> when fewer than 200 bytes are given.</summary>
    public static Leader Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ArgumentException($"a leader record needs {Size} bytes, got {source.Length}", nameof(source));
        }

        return new Leader
        {
            Magic = ReadUInt32LittleEndian(source[MagicOffset..]),
            Version = ReadUInt32LittleEndian(source[VersionOffset..]),
            Flags = ReadUInt32LittleEndian(source[FlagsOffset..]),
            SectorSize = ReadUInt32LittleEndian(source[SectorSizeOffset..]),
            NumHosts = ReadUInt64LittleEndian(source[NumHostsOffset..]),
            MaxHosts = ReadUInt64LittleEndian(source[MaxHostsOffset..]),
            OwnerId = ReadUInt64LittleEndian(source[OwnerIdOffset..]),
            OwnerGeneration = ReadUInt64LittleEndian(source[OwnerGenerationOffset..]),
            Lver = ReadUInt64LittleEndian(source[LverOffset..]),
            SpaceName = LeaseName.FromBytes(source.Slice(SpaceNameOffset, LeaseName.Size)),
            ResourceName = LeaseName.FromBytes(source.Slice(ResourceNameOffset, LeaseName.Size)),
            Timestamp = ReadUInt64LittleEndian(source[TimestampOffset..]),
            Unused1 = ReadUInt64LittleEndian(source[Unused1Offset..]),
            Checksum = ReadUInt32LittleEndian(source[ChecksumOffset..]),
            Unused2 = ReadUInt16LittleEndian(source[Unused2Offset..]),
            IoTimeout = ReadUInt16LittleEndian(source[IoTimeoutOffset..]),
            WriteId = ReadUInt64LittleEndian(source[WriteIdOffset..]),
            WriteGeneration = ReadUInt64LittleEndian(source[WriteGenerationOffset..]),
            WriteTimestamp = ReadUInt64LittleEndian(source[WriteTimestampOffset..]),
        };
    }

    /// <summary>
    /// Writes bytes 0..199 with a freshly computed checksum, stores that checksum in <see cref="Checksum"/>
    /// and returns it.
    /// </summary>
    public uint Encode(Span<byte> destination)
    {
        EncodeWithStoredChecksum(destination);
        Checksum = SanlockChecksum.Compute(destination[..ChecksumLength]);
        WriteUInt32LittleEndian(destination[ChecksumOffset..], Checksum);
        return Checksum;
    }

    /// <summary>Writes bytes 0..199 exactly as the fields are, including <see cref="Checksum"/> (for copies and tests).</summary>
    public readonly void EncodeWithStoredChecksum(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"a leader record needs {Size} bytes, got {destination.Length}", nameof(destination));
        }

        WriteUInt32LittleEndian(destination[MagicOffset..], Magic);
        WriteUInt32LittleEndian(destination[VersionOffset..], Version);
        WriteUInt32LittleEndian(destination[FlagsOffset..], Flags);
        WriteUInt32LittleEndian(destination[SectorSizeOffset..], SectorSize);
        WriteUInt64LittleEndian(destination[NumHostsOffset..], NumHosts);
        WriteUInt64LittleEndian(destination[MaxHostsOffset..], MaxHosts);
        WriteUInt64LittleEndian(destination[OwnerIdOffset..], OwnerId);
        WriteUInt64LittleEndian(destination[OwnerGenerationOffset..], OwnerGeneration);
        WriteUInt64LittleEndian(destination[LverOffset..], Lver);
        SpaceName.WriteTo(destination[SpaceNameOffset..]);
        ResourceName.WriteTo(destination[ResourceNameOffset..]);
        WriteUInt64LittleEndian(destination[TimestampOffset..], Timestamp);
        WriteUInt64LittleEndian(destination[Unused1Offset..], Unused1);
        WriteUInt32LittleEndian(destination[ChecksumOffset..], Checksum);
        WriteUInt16LittleEndian(destination[Unused2Offset..], Unused2);
        WriteUInt16LittleEndian(destination[IoTimeoutOffset..], IoTimeout);
        WriteUInt64LittleEndian(destination[WriteIdOffset..], WriteId);
        WriteUInt64LittleEndian(destination[WriteGenerationOffset..], WriteGeneration);
        WriteUInt64LittleEndian(destination[WriteTimestampOffset..], WriteTimestamp);
    }

    /// <summary>The checksum these fields should carry (CRC of their encoded bytes 0..167).</summary>
    public readonly uint ComputeChecksum()
    {
        Span<byte> buffer = stackalloc byte[Size];
        EncodeWithStoredChecksum(buffer);
        return SanlockChecksum.Compute(buffer[..ChecksumLength]);
    }

    /// <summary>True when <see cref="Checksum"/> matches the fields.</summary>
    public readonly bool IsChecksumValid => Checksum == ComputeChecksum();

    /// <summary>The geometry named by <see cref="Flags"/> and <see cref="SectorSize"/> (legacy rule included).</summary>
    public readonly bool TryGetGeometry(out LeaseGeometry geometry) => LeaseGeometry.TryFromLeader(Flags, SectorSize, out geometry);
}
