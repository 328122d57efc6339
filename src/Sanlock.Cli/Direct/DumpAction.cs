using System.Buffers.Binary;
using Sanlock.Cli.Common;
using Sanlock.OnDisk;
using Sanlock.Posix;

namespace Sanlock.Cli.Direct;

/// <summary>
/// <c>direct dump PATH[:OFFSET[:SIZE]] [-Z 512|4096 -A 1M|2M|4M|8M]</c>: one line per used lease, area by area
/// (align_size each) from OFFSET until SIZE (rounded up to whole areas), the end of the device, or the first area
/// that is neither a lockspace, a resource nor an rindex. Output is the real CLI's, byte for byte.
/// </summary>
/// <remarks>
/// Unlike sanlock 3.8.5 this never prints memory it did not read: a leader whose num_hosts points past its area
/// (the real one segfaults or prints garbage) and an area cut short by the end of the file are reported on stderr
/// with path, offset and field, and the exit code is 1.
/// </remarks>
internal static class DumpAction
{
    private const string Header =
        "  offset                            lockspace                                         resource  timestamp  own  gen lver";

    public static int Run(ReadOnlySpan<string> args, CliOutput output)
    {
        if (!DirectArguments.TryParse(args, takesPositional: true, output, out var options, out var sizes))
        {
            return 1;
        }
        if (options.Positional is null)
        {
            output.Error.WriteLine("direct dump: missing PATH[:OFFSET[:SIZE]]");
            return 1;
        }

        var fields = ColonFields.Split(options.Positional);
        var path = fields[0];
        long offset = 0, size = 0;
        if (fields.Count > 1)
        {
            ColonFields.TryParseOffset(fields[1], out offset);
        }
        if (fields.Count > 2)
        {
            ColonFields.TryParseOffset(fields[2], out size);
        }

        DirectFileDisk disk;
        try
        {
            disk = path.Length == 0 ? throw new LeaseIoException("empty path", 2) : DirectFileDisk.Open(path, DirectOpenMode.ReadOnly);
        }
        catch (LeaseIoException e)
        {
            output.Out.WriteLine($"Device {path} not found.");
            output.Error.WriteLine($"direct dump: {e.Message}");
            return 1;
        }

        using (disk)
        {
            if (offset % LeaseGeometry.OneMiB != 0)
            {
                output.Out.WriteLine($"WARNING: dump offset should be a multiple of {LeaseGeometry.OneMiB} bytes.");
            }
            try
            {
                return Dump(disk, offset, size, sizes, output);
            }
            catch (LeaseIoException e)
            {
                output.Error.WriteLine($"direct dump: {e.Message}");
                return 1;
            }
        }
    }

    private static int Dump(DirectFileDisk disk, long offset, long size, DirectSizes sizes, CliOutput output)
    {
        if (!sizes.TryGetGeometry(out var geometry) && !TryProbe(disk, offset, size, out geometry, out var probeProblem))
        {
            output.Out.WriteLine("Cannot find sector_size and align_size, set with -A and -Z.");
            output.Error.WriteLine($"direct dump: {disk.Path} offset {offset}: {probeProblem}");
            return 1;
        }

        output.Out.WriteLine(Header);
        var align = geometry.AlignSize;
        long end = size <= 0 ? long.MaxValue : offset + ((size + align - 1) / align * align);
        using var area = disk.AllocateBuffer(align);
        for (var areaOffset = offset; areaOffset < end; areaOffset += align)
        {
            var got = disk.ReadAvailable(areaOffset, area, align);
            if (got == 0)
            {
                return 0;
            }
            if (got < align)
            {
                output.Error.WriteLine(
                    $"direct dump: {disk.Path}: the area at offset {areaOffset} is truncated: {got} of {align} bytes exist; not shown");
                return 1;
            }

            var bytes = area.Span[..align];
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            var ok = magic switch
            {
                Leader.DeltaMagic => DumpFormat.LockspaceRows(bytes, areaOffset, geometry, output.Out),
                Leader.PaxosMagic => DumpFormat.ResourceRows(bytes, areaOffset, geometry, disk.Path, output),
                RindexHeader.RindexMagic => DumpFormat.RindexRow(bytes, areaOffset, output.Out),
                _ => (bool?)null,
            };
            if (ok is null)
            {
                // Not a lease area: the end of the leases, unless the caller asked for a size (then skip it).
                if (size <= 0)
                {
                    return 0;
                }
                continue;
            }
            if (ok == false)
            {
                return 1;
            }
        }
        return 0;
    }

    /// <summary>
    /// Sizes from the first lockspace, resource or rindex found at <paramref name="offset"/> or, like the real CLI,
    /// at the following 1 MiB steps up to OFFSET + SIZE or the end of the device.
    /// </summary>
    private static bool TryProbe(DirectFileDisk disk, long offset, long size, out LeaseGeometry geometry, out string problem)
    {
        geometry = default;
        if (offset < 0 || offset % disk.DeviceSectorSize != 0)
        {
            problem = $"offset is not a multiple of the {disk.DeviceSectorSize}-byte sector";
            return false;
        }

        using var first = disk.AllocateBuffer(disk.DeviceSectorSize);
        var firstMagic = 0u;
        var end = size <= 0 ? long.MaxValue : offset + size;
        for (var probeOffset = offset; ; probeOffset += LeaseGeometry.OneMiB)
        {
            var got = probeOffset < end ? disk.ReadAvailable(probeOffset, first, disk.DeviceSectorSize) : 0;
            if (got < Leader.Size)
            {
                problem = $"no lockspace, resource or rindex with known sizes from here to the end ({probeOffset}); the first record has magic 0x{firstMagic:x8}";
                return false;
            }

            var leader = Leader.Decode(first.Span);
            if (probeOffset == offset)
            {
                firstMagic = leader.Magic;
            }
            var found = leader.Magic switch
            {
                Leader.DeltaMagic or Leader.PaxosMagic => leader.TryGetGeometry(out geometry),
                RindexHeader.RindexMagic => RindexHeader.Decode(first.Span).TryGetGeometry(out geometry),
                _ => false,
            };
            if (found)
            {
                problem = "";
                return true;
            }
        }
    }
}
