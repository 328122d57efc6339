namespace Sanlock.OnDisk;

/// <summary>Checks on an rindex header read from disk, in order; the first failure decides the result.</summary>
/// <remarks>sanlock-disk-format.md §8.</remarks>
public static class RindexValidation
{
    /// <summary>
    /// Checks in sanlock's order: magic (−274), major version 1 (−275), lockspace name (−276), rx_offset equal to where the header was
    /// read (−277). The header's own sector size / align flag are authoritative: sanlock 3.8.5 <c>direct lookup</c>
    /// with other <c>-Z/-A</c> values still succeeds, so they are not compared here. RINDEX_DIFF (−278) was not
    /// produced by any experiment (UNCONFIRMED what raises it) and is not returned.
    /// </summary>
    public static SanlockError CheckHeader(in RindexHeader header, LeaseName expectedLockspace, ulong rxOffset)
    {
        if (header.Magic != RindexHeader.RindexMagic)
        {
            return SanlockError.RindexMagic;
        }

        if (header.Version >> 16 != RindexHeader.MajorVersion)
        {
            return SanlockError.RindexVersion;
        }

        if (!header.LockspaceName.Matches(expectedLockspace))
        {
            return SanlockError.RindexLockspace;
        }

        if (header.RxOffset != rxOffset)
        {
            return SanlockError.RindexOffset;
        }

        return SanlockError.Ok;
    }
}
