namespace Sanlock.OnDisk;

/// <summary>
/// A host's whole sector in a resource lease: the dblock at byte 0, the mode block at byte 128, zero elsewhere.
/// Every dblock write rewrites the whole sector, so writing a dblock with a zero mode block clears it.
/// </summary>
/// <remarks>sanlock-disk-format.md §5.1–5.2.</remarks>
public static class DblockSector
{
    public static (PaxosDblock Dblock, ModeBlock ModeBlock) Decode(ReadOnlySpan<byte> sector) =>
        (PaxosDblock.Decode(sector), ModeBlock.Decode(sector[ModeBlock.Offset..]));

    /// <summary>
    /// Zero-fills <paramref name="sector"/> and writes both records. With <paramref name="recomputeChecksum"/>
    /// the dblock gets a fresh checksum; without it the stored one is kept (a release only sets RELEASED).
    /// </summary>
    /// <returns>The dblock as written (with the checksum it carries on disk).</returns>
    public static PaxosDblock Encode(Span<byte> sector, PaxosDblock dblock, ModeBlock modeBlock, bool recomputeChecksum = true)
    {
        if (sector.Length < ModeBlock.Offset + ModeBlock.Size)
        {
            throw new ArgumentException($"a dblock sector needs at least {ModeBlock.Offset + ModeBlock.Size} bytes, got {sector.Length}", nameof(sector));
        }

        sector.Clear();
        if (recomputeChecksum)
        {
            dblock.Encode(sector);
        }
        else
        {
            dblock.EncodeWithStoredChecksum(sector);
        }

        modeBlock.Encode(sector[ModeBlock.Offset..]);
        return dblock;
    }
}
