namespace Sanlock.OnDisk;

/// <summary>
/// The request/event bitmap in bytes 256..511 of a delta-lease sector (same place for 512 and 4096 sectors).
/// The bit for host_id h is bit (h−1) mod 8 of byte 256 + (h−1) / 8. All methods take the whole sector.
/// </summary>
/// <remarks>sanlock-disk-format.md §6.5. Not covered by the leader checksum.</remarks>
public static class HostBitmap
{
    public const int Offset = 256;
    public const int Size = 256;

    /// <summary>Highest host_id the bitmap can name (2048 bits).</summary>
    public const int MaxHostId = Size * 8;

    public static bool IsSet(ReadOnlySpan<byte> sector, int hostId)
    {
        var (index, mask) = Locate(sector.Length, hostId);
        return (sector[index] & mask) != 0;
    }

    public static void Set(Span<byte> sector, int hostId)
    {
        var (index, mask) = Locate(sector.Length, hostId);
        sector[index] |= mask;
    }

    public static void Clear(Span<byte> sector, int hostId)
    {
        var (index, mask) = Locate(sector.Length, hostId);
        sector[index] &= (byte)~mask;
    }

    /// <summary>Zeroes the whole bitmap.</summary>
    public static void ClearAll(Span<byte> sector) => Bits(sector).Clear();

    /// <summary>host_ids whose bit is set, ascending.</summary>
    public static IReadOnlyList<int> SetHosts(ReadOnlySpan<byte> sector)
    {
        var hosts = new List<int>();
        ReadOnlySpan<byte> bits = Bits(sector);
        for (int i = 0; i < bits.Length; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                if ((bits[i] & (1 << bit)) != 0)
                {
                    hosts.Add((i * 8) + bit + 1);
                }
            }
        }

        return hosts;
    }

    /// <summary>The 256 bitmap bytes of a sector.</summary>
    public static Span<byte> Bits(Span<byte> sector) => sector.Slice(Offset, Size);

    /// <inheritdoc cref="Bits(Span{byte})"/>
    public static ReadOnlySpan<byte> Bits(ReadOnlySpan<byte> sector) => sector.Slice(Offset, Size);

    private static (int Index, byte Mask) Locate(int sectorLength, int hostId)
    {
        if (hostId is < 1 or > MaxHostId)
        {
            throw new ArgumentOutOfRangeException(nameof(hostId), hostId, $"host_id {hostId} is outside the bitmap (1..{MaxHostId})");
        }

        if (sectorLength < Offset + Size)
        {
            throw new ArgumentException($"a delta-lease sector needs {Offset + Size} bytes for its bitmap, got {sectorLength}", nameof(sectorLength));
        }

        int bit = hostId - 1;
        return (Offset + (bit / 8), (byte)(1 << (bit % 8)));
    }
}
