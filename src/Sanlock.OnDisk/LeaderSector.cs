namespace Sanlock.OnDisk;

/// <summary>
/// Whole-sector writes of a leader: every write covers the full sector, zero after the record — except the
/// host bitmap (bytes 256..511) of a delta lease.
/// </summary>
/// <remarks>sanlock-disk-format.md §1 (I/O unit), §2, §6.3.</remarks>
public static class LeaderSector
{
    /// <summary>
    /// Zero-fills <paramref name="sector"/> and writes the leader with a fresh checksum (a paxos leader, or a
    /// delta lease with an empty bitmap). Returns the leader as written.
    /// </summary>
    public static Leader Write(Span<byte> sector, Leader leader)
    {
        EnsureSector(sector);
        sector.Clear();
        leader.Encode(sector);
        return leader;
    }

    /// <summary>
    /// A delta-lease sector: zero-filled, the leader with a fresh checksum, and <paramref name="bitmap"/>
    /// (256 bytes, or empty for none) at bytes 256..511. Returns the leader as written.
    /// </summary>
    public static Leader WriteDelta(Span<byte> sector, Leader leader, ReadOnlySpan<byte> bitmap)
    {
        if (!bitmap.IsEmpty && bitmap.Length != HostBitmap.Size)
        {
            throw new ArgumentException($"a host bitmap is {HostBitmap.Size} bytes, got {bitmap.Length}", nameof(bitmap));
        }

        leader = Write(sector, leader);
        bitmap.CopyTo(HostBitmap.Bits(sector));
        return leader;
    }

    private static void EnsureSector(Span<byte> sector)
    {
        if (sector.Length is not (512 or 4096))
        {
            throw new ArgumentException($"a leader sector is 512 or 4096 bytes, got {sector.Length}", nameof(sector));
        }
    }
}
