using System.Buffers.Binary;
using System.Globalization;
using Sanlock.Cli.Common;
using Sanlock.OnDisk;
using Sanlock.Posix;

namespace Sanlock.Cli.Direct;

/// <summary>
/// <c>direct next_free PATH -Z SECTOR -A ALIGN</c>: prints the offset of the first align-size area from the start
/// of PATH that holds no lockspace, resource or rindex (judged by its first sector's magic; a cleared resource counts
/// as free), or the end of PATH when every area is used. As with the real CLI, the sizes must be given.
/// </summary>
/// <remarks>
/// The real 3.8.5 prints 0 whenever PATH carries an <c>:OFFSET</c>; that looks accidental, so we refuse an offset.
/// </remarks>
internal static class NextFreeAction
{
    public static int Run(ReadOnlySpan<string> args, CliOutput output)
    {
        if (!DirectArguments.TryParse(args, takesPositional: true, output, out var options, out var sizes))
        {
            return 1;
        }
        if (options.Positional is not { Length: > 0 } path)
        {
            output.Error.WriteLine("direct next_free: missing PATH");
            return 1;
        }
        if (ColonFields.Split(path).Count > 1)
        {
            output.Error.WriteLine($"direct next_free: \"{path}\": give the path only; the search always starts at offset 0");
            return 1;
        }
        if (!sizes.TryGetGeometry(out var geometry))
        {
            output.Error.WriteLine("direct next_free: needs the sizes: -Z 512|4096 -A 1M|2M|4M|8M");
            return 1;
        }

        try
        {
            using var disk = DirectFileDisk.Open(path, DirectOpenMode.ReadOnly);
            using var sector = disk.AllocateBuffer(geometry.SectorSize);
            for (long offset = 0; ; offset += geometry.AlignSize)
            {
                var got = disk.ReadAvailable(offset, sector, geometry.SectorSize);
                var magic = got >= sizeof(uint) ? BinaryPrimitives.ReadUInt32LittleEndian(sector.Span) : 0;
                if (got < geometry.SectorSize || magic is not (Leader.DeltaMagic or Leader.PaxosMagic or RindexHeader.RindexMagic))
                {
                    output.Out.WriteLine(offset.ToString(CultureInfo.InvariantCulture));
                    return 0;
                }
            }
        }
        catch (LeaseIoException e)
        {
            output.Error.WriteLine($"direct next_free: {e.Message}");
            return 1;
        }
    }
}
