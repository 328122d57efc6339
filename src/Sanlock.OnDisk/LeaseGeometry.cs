using System.Numerics;

namespace Sanlock.OnDisk;

/// <summary>
/// A sector-size / align-size pair: the unit of every I/O and the size of one lockspace or resource area.
/// Only the five pairs of sanlock-disk-format.md §1.1 exist; use <see cref="TryCreate"/> or <see cref="FromLeader"/>.
/// </summary>
public readonly record struct LeaseGeometry
{
    public const int OneMiB = 1 << 20;

    private LeaseGeometry(int sectorSize, int alignSize)
    {
        SectorSize = sectorSize;
        AlignSize = alignSize;
    }

    /// <summary>512-byte sectors, 1 MiB areas: what sanlock uses for regular files when no sizes are given.</summary>
    public static LeaseGeometry Default { get; } = new(512, OneMiB);

    /// <summary>Every valid pair, in the order of the spec table.</summary>
    public static IReadOnlyList<LeaseGeometry> All { get; } =
    [
        new(512, OneMiB), new(4096, OneMiB), new(4096, 2 * OneMiB), new(4096, 4 * OneMiB), new(4096, 8 * OneMiB),
    ];

    public int SectorSize { get; }

    public int AlignSize { get; }

    /// <summary>False for <c>default(LeaseGeometry)</c>; every geometry made by the factories is valid.</summary>
    public bool IsValid => MaxHosts != 0;

    /// <summary>Sectors in one area (align_size / sector_size); 0 for an invalid geometry.</summary>
    public int SectorsPerArea => SectorSize == 0 ? 0 : AlignSize / SectorSize;

    /// <summary>Host slots of a lockspace, and the default num_hosts / ballot step of a resource.</summary>
    public int MaxHosts => (SectorSize, AlignSize / OneMiB) switch
    {
        (512, 1) => 2000,
        (4096, 1) => 250,
        (4096, 2) => 500,
        (4096, 4) => 1000,
        (4096, 8) => 2000,
        _ => 0,
    };

    /// <summary>The leader flag <c>LFL_ALIGN_*</c> naming the align size: 0x10 (1 MiB), 0x20, 0x40, 0x80 (8 MiB).</summary>
    public uint LeaderAlignFlag => (uint)(AlignSize / OneMiB) << 4;

    /// <summary>The rindex header flag naming the align size: 1 (1 MiB), 2, 4, 8 (8 MiB).</summary>
    public uint RindexAlignFlag => (uint)(AlignSize / OneMiB);

    /// <summary>Entries an rindex area of this geometry can hold.</summary>
    public int RindexMaxEntries => (AlignSize / OneMiB) switch
    {
        1 => 16000,
        2 => 32000,
        4 => 64000,
        _ => 128000,
    };

    /// <summary>Bits of the leader flags that carry the align size.</summary>
    public const uint LeaderAlignMask = 0xF0;

    /// <summary>Bits of the rindex header flags that carry the align size.</summary>
    public const uint RindexAlignMask = 0x0F;

    public static bool TryCreate(int sectorSize, int alignSize, out LeaseGeometry geometry)
    {
        foreach (var candidate in All)
        {
            if (candidate.SectorSize == sectorSize && candidate.AlignSize == alignSize)
            {
                geometry = candidate;
                return true;
            }
        }

        geometry = default;
        return false;
    }

    /// <summary>The pair, or an <see cref="ArgumentException"/> naming both values.</summary>
    public static LeaseGeometry Create(int sectorSize, int alignSize) =>
        TryCreate(sectorSize, alignSize, out var geometry)
            ? geometry
            : throw new ArgumentException(
                $"invalid sector size {sectorSize} / align size {alignSize}: valid pairs are 512/1M, 4096/1M, 4096/2M, 4096/4M, 4096/8M",
                nameof(alignSize));

    /// <summary>
    /// The geometry a leader describes. A leader with no align flag (written before leader minor version 4)
    /// means 1 MiB for 512-byte sectors and 8 MiB for 4096-byte sectors.
    /// </summary>
    public static bool TryFromLeader(uint flags, uint sectorSize, out LeaseGeometry geometry)
    {
        geometry = default;
        if (sectorSize is not (512 or 4096))
        {
            return false;
        }

        uint alignFlag = flags & LeaderAlignMask;
        int alignSize;
        if (alignFlag == 0)
        {
            alignSize = sectorSize == 512 ? OneMiB : 8 * OneMiB;
        }
        else if (BitOperations.IsPow2(alignFlag))
        {
            alignSize = (int)(alignFlag >> 4) * OneMiB;
        }
        else
        {
            return false;
        }

        return TryCreate((int)sectorSize, alignSize, out geometry);
    }

    /// <summary>Like <see cref="TryFromLeader"/>; throws <see cref="SanlockException"/> (LeaderSectorSize) naming the values.</summary>
    public static LeaseGeometry FromLeader(uint flags, uint sectorSize) =>
        TryFromLeader(flags, sectorSize, out var geometry)
            ? geometry
            : throw new SanlockException(
                SanlockError.LeaderSectorSize,
                $"leader sector_size {sectorSize} with flags 0x{flags:x} names no valid sector/align size pair");

    /// <summary>The geometry of an rindex header (its own align numbering: 1, 2, 4, 8).</summary>
    public static bool TryFromRindex(uint flags, uint sectorSize, out LeaseGeometry geometry)
    {
        geometry = default;
        uint alignFlag = flags & RindexAlignMask;
        return BitOperations.IsPow2(alignFlag) && TryCreate((int)sectorSize, (int)alignFlag * OneMiB, out geometry);
    }

    /// <summary>
    /// Sectors a paxos ballot reads in one I/O: the next power of two ≥ num_hosts + 2 (leader, request, dblocks).
    /// </summary>
    public static int BallotReadSectors(int numHosts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numHosts);
        return (int)BitOperations.RoundUpToPowerOf2((uint)numHosts + 2);
    }

    /// <summary>Bytes a paxos ballot reads in one I/O for <paramref name="numHosts"/>.</summary>
    public int BallotReadBytes(int numHosts) => BallotReadSectors(numHosts) * SectorSize;

    public override string ToString() => $"{SectorSize}/{AlignSize / OneMiB}M";
}
