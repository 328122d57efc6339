namespace Sanlock.Cli.Common;

/// <summary>
/// <c>-Z SECTOR_SIZE</c> and <c>-A ALIGN_SIZE</c> as the real CLI reads them: -Z is a C <c>atoi</c>, -A only
/// understands exactly 1M, 2M, 4M or 8M (anything else counts as not given). When -A is given the pair must be one
/// of the five valid ones.
/// </summary>
internal readonly record struct DirectSizes(int SectorSize, int AlignSize)
{
    public static DirectSizes FromOptions(CliOptions options, out string? error)
    {
        var sectorSize = options.Get('Z') is { } z ? CNumbers.Atoi(z) : 0;
        var alignSize = options.Get('A') switch
        {
            "1M" => 1 << 20,
            "2M" => 2 << 20,
            "4M" => 4 << 20,
            "8M" => 8 << 20,
            _ => 0,
        };

        error = null;
        if (alignSize != 0 && !Sanlock.OnDisk.LeaseGeometry.TryCreate(sectorSize, alignSize, out _))
        {
            error = $"Invalid sector_size/align_size combination ({sectorSize}/{alignSize})\n" +
                    "Use one of: 512/1M, 4096/1M, 4096/2M, 4096/4M, 4096/8M.";
        }
        return new DirectSizes(sectorSize, alignSize);
    }

    /// <summary>Both given and valid (then they override what the leader on disk says).</summary>
    public bool TryGetGeometry(out Sanlock.OnDisk.LeaseGeometry geometry)
    {
        geometry = default;
        return AlignSize != 0 && Sanlock.OnDisk.LeaseGeometry.TryCreate(SectorSize, AlignSize, out geometry);
    }
}
