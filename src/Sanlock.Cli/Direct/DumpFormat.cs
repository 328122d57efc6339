using System.Globalization;
using Sanlock.Cli.Common;
using Sanlock.OnDisk;

namespace Sanlock.Cli.Direct;

/// <summary>The rows of <c>direct dump</c>, in the real CLI's printf formats.</summary>
internal static class DumpFormat
{
    /// <summary>Width of the offset, lockspace, resource and timestamp columns with their separators: where SH rows start.</summary>
    private const int ShRowIndent = 106;

    /// <summary>Host 1's dblock follows the leader and the request record.</summary>
    private const int FirstDblockSector = ResourceLayout.RequestSector + 1;

    /// <summary>Every slot whose magic is set and that has ever had an owner (owner_id or generation non-zero).</summary>
    public static bool LockspaceRows(ReadOnlySpan<byte> area, long areaOffset, LeaseGeometry geometry, TextWriter stdout)
    {
        for (var sector = 0; sector < geometry.SectorsPerArea; sector++)
        {
            var leader = Leader.Decode(area.Slice(sector * geometry.SectorSize, Leader.Size));
            if (leader.Magic == 0 || (leader.OwnerId == 0 && leader.OwnerGeneration == 0))
            {
                continue;
            }
            stdout.WriteLine(LeaderColumns(areaOffset + ((long)sector * geometry.SectorSize), leader));
        }
        return true;
    }

    /// <summary>The leader with its lver, then one SH row per dblock 1..num_hosts whose mode block says SHARED.</summary>
    public static bool ResourceRows(ReadOnlySpan<byte> area, long areaOffset, LeaseGeometry geometry, string path, CliOutput output)
    {
        var leader = Leader.Decode(area);
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{LeaderColumns(areaOffset, leader)} {leader.Lver}"));

        var dblockSectors = (ulong)(geometry.SectorsPerArea - FirstDblockSector);
        if (leader.NumHosts > dblockSectors)
        {
            output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"direct dump: {path}: leader at offset {areaOffset} has num_hosts {leader.NumHosts}, but a {geometry} area holds only {dblockSectors} dblocks; mode blocks not shown"));
            return false;
        }

        for (var host = 1; host <= (int)leader.NumHosts; host++)
        {
            var sector = area.Slice((FirstDblockSector + host - 1) * geometry.SectorSize, geometry.SectorSize);
            var mode = ModeBlock.Decode(sector[ModeBlock.Offset..]);
            if (mode.IsShared)
            {
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{new string(' ', ShRowIndent)}{host:D4} {mode.Generation:D4} SH"));
            }
        }
        return true;
    }

    public static bool RindexRow(ReadOnlySpan<byte> area, long areaOffset, TextWriter stdout)
    {
        var header = RindexHeader.Decode(area);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{areaOffset:D8} {Name(header.LockspaceName),36} rindex_header 0x{header.Flags:x} {header.SectorSize} {header.MaxResources} {header.RxOffset}"));
        return true;
    }

    private static string LeaderColumns(long offset, in Leader leader) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{offset:D8} {Name(leader.SpaceName),36} {Name(leader.ResourceName),48} {leader.Timestamp:D10} {leader.OwnerId:D4} {leader.OwnerGeneration:D4}");

    private static string Name(LeaseName name) => CliOutput.RawText(name.Value);
}
