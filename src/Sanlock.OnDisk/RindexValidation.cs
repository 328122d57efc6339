namespace Sanlock.OnDisk;

/// <summary>Checks on an rindex header read from disk, in order; the first failure decides the result.</summary>
/// <remarks>sanlock-disk-format.md §8.</remarks>
public static class RindexValidation
{
    /// <summary>
    /// Magic (−274), major version 1 (−275), lockspace name (−276), rx_offset equal to where the header was
    /// read (−277), and — when <paramref name="expectedGeometry"/> is given — sector size and align flag equal
    /// to it (−278, UNCONFIRMED: which mismatch sanlock reports as RINDEX_DIFF was not observed).
    /// </summary>
    public static SanlockError CheckHeader(in RindexHeader header, LeaseName expectedLockspace, ulong rxOffset, LeaseGeometry? expectedGeometry = null)
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

        if (expectedGeometry is { } geometry &&
            (header.SectorSize != (uint)geometry.SectorSize || (header.Flags & LeaseGeometry.RindexAlignMask) != geometry.RindexAlignFlag))
        {
            return SanlockError.RindexDiff;
        }

        return SanlockError.Ok;
    }
}
