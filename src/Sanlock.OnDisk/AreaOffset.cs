namespace Sanlock.OnDisk;

/// <summary>Argument checks shared by the layout helpers and image builders.</summary>
internal static class AreaOffset
{
    /// <summary>Throws when <paramref name="offset"/> is negative or not a multiple of the sector size.</summary>
    public static void EnsureSectorAligned(long offset, LeaseGeometry geometry, string paramName)
    {
        if (offset < 0 || offset % geometry.SectorSize != 0)
        {
            throw new ArgumentOutOfRangeException(
                paramName, offset, $"offset {offset} is not a non-negative multiple of the sector size {geometry.SectorSize}");
        }
    }

    public static void EnsureHostId(int hostId, int maxHostId, string paramName)
    {
        if (hostId < 1 || hostId > maxHostId)
        {
            throw new ArgumentOutOfRangeException(paramName, hostId, $"host_id {hostId} is outside 1..{maxHostId}");
        }
    }

    public static void EnsureGeometry(LeaseGeometry geometry, string paramName)
    {
        if (!geometry.IsValid)
        {
            throw new ArgumentException($"geometry {geometry.SectorSize}/{geometry.AlignSize} is not a valid sector/align size pair", paramName);
        }
    }

    public static void EnsureLength(int actual, int expected, string what, string paramName)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{what} must be exactly {expected} bytes, got {actual}", paramName);
        }
    }
}
