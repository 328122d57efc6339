using System.Diagnostics;
using Sanlock.Cli.Common;
using Sanlock.OnDisk;
using Sanlock.Posix;

namespace Sanlock.Cli.Direct;

/// <summary>
/// <c>direct init -s LS:HOST_ID:PATH:OFFSET</c> (lockspace) or <c>direct init -r LS:NAME:PATH:OFFSET[:LVER]</c>
/// (resource), with <c>-Z</c>/<c>-A</c> sizes, <c>-o</c> io_timeout (lockspace), <c>-n</c> num_hosts and
/// <c>-z</c> clear (resource). Prints <c>init done N</c>; N is what the real CLI returns for the same input.
/// Everything is checked before the first write, so a refused init leaves the file as it was.
/// </summary>
internal static class InitAction
{
    public static int Run(ReadOnlySpan<string> args, CliOutput output)
    {
        if (!DirectArguments.TryParse(args, takesPositional: false, output, out var options, out var sizes))
        {
            return 1;
        }

        DirectResult result;
        if (options.Get('s') is { } lockspaceText)
        {
            result = InitLockspace(lockspaceText, options, sizes);
        }
        else if (options.Get('r') is { } resourceText)
        {
            var resource = ResourceArgument.Parse(resourceText, out var code, out var why);
            if (resource is null)
            {
                output.Out.WriteLine($"resource arg parse error {code}\n");
                result = DirectResult.Fail(-22, why!);
            }
            else
            {
                result = InitResource(resource, options, sizes);
            }
        }
        else
        {
            result = DirectResult.Fail(-22, "init needs -s LOCKSPACE or -r RESOURCE");
        }

        output.Out.WriteLine($"init done {result.Code}");
        if (result.Reason is not null)
        {
            output.Error.WriteLine($"direct init: {result.Reason}");
        }
        return result.Code == 0 ? 0 : 1;
    }

    private static DirectResult InitLockspace(string text, CliOptions options, DirectSizes sizes)
    {
        var lockspace = LockspaceArgument.Parse(text, out var why);
        if (lockspace is null)
        {
            return DirectResult.Fail(-22, why!);
        }
        if (lockspace.Path.Length == 0)
        {
            return DirectResult.Fail(-22, $"lockspace \"{text}\" has no path");
        }

        var ioTimeout = options.Get('o') is { } o ? CNumbers.Atoi(o) : 0;
        if (ioTimeout is < 0 or > ushort.MaxValue)
        {
            return DirectResult.Fail(-22, $"-o {options.Get('o')}: io_timeout must be 0..65535 seconds (it is stored in 16 bits)");
        }
        if (ioTimeout == 0)
        {
            ioTimeout = LockspaceFormat.DefaultIoTimeout;
        }

        return WithDisk(lockspace.Path, lockspace.Offset, sizes, missingFileCode: -19, (disk, geometry) =>
        {
            var name = new LeaseName(lockspace.Name);
            using (var area = disk.AllocateBuffer(geometry.AlignSize))
            {
                LockspaceFormat.Build(area.Span, geometry, name, (ushort)ioTimeout);
                disk.Write(lockspace.Offset, area, geometry.AlignSize);
            }
            using var sector = disk.AllocateBuffer(geometry.SectorSize);
            LockspaceFormat.BuildCommitSector(sector.Span, geometry, name, (ushort)ioTimeout);
            disk.Write(lockspace.Offset, sector, geometry.SectorSize);
        });
    }

    private static DirectResult InitResource(ResourceArgument resource, CliOptions options, DirectSizes sizes)
    {
        if (resource.Disks.Count == 0)
        {
            return DirectResult.Fail(-19, $"resource {resource.Lockspace}:{resource.Name} names no disk (expected LOCKSPACE:NAME:PATH:OFFSET)");
        }
        if (resource.Disks.Count > 1)
        {
            return DirectResult.Fail(-22, $"resource {resource.Lockspace}:{resource.Name} names {resource.Disks.Count} disks; direct init writes one");
        }

        var numHosts = options.Get('n') is { } n ? CNumbers.Atoi(n) : 0;
        if (numHosts < 0)
        {
            return DirectResult.Fail(-22, $"-n {options.Get('n')}: num_hosts cannot be negative");
        }

        // Like the real CLI, -z with any value (even 0) writes the CLEAR magic.
        var clear = options.Has('z');
        var disk0 = resource.Disks[0];
        return WithDisk(disk0.Path, disk0.Offset, sizes, missingFileCode: -2, (disk, geometry) =>
        {
            var now = (ulong)(Stopwatch.GetTimestamp() / Stopwatch.Frequency);
            using var area = disk.AllocateBuffer(geometry.AlignSize);
            ResourceFormat.Build(area.Span, geometry, new LeaseName(resource.Lockspace), new LeaseName(resource.Name), numHosts, clear, now);
            disk.Write(disk0.Offset, area, geometry.AlignSize);
        });
    }

    /// <summary>Checks sizes, opens the path read-write, checks the offset, then runs <paramref name="write"/>.</summary>
    private static DirectResult WithDisk(string path, long offset, DirectSizes sizes, int missingFileCode, Action<DirectFileDisk, LeaseGeometry> write)
    {
        if (sizes.AlignSize == 0 && sizes.SectorSize is 512 or 4096)
        {
            return DirectResult.Fail(-1, $"-Z {sizes.SectorSize} needs an align size too (-A 1M, 2M, 4M or 8M)");
        }

        DirectFileDisk disk;
        try
        {
            disk = DirectFileDisk.Open(path, DirectOpenMode.ReadWrite);
        }
        catch (LeaseIoException e)
        {
            return DirectResult.Fail(e.Errno == 2 ? missingFileCode : -Math.Max(e.Errno, 1), e.Message);
        }

        using (disk)
        {
            if (!sizes.TryGetGeometry(out var geometry))
            {
                // No sizes given: sanlock's defaults, from the device's logical sector size.
                geometry = disk.DeviceSectorSize == 4096 ? LeaseGeometry.Create(4096, 8 << 20) : LeaseGeometry.Default;
            }
            if (offset < 0 || offset % disk.DeviceSectorSize != 0)
            {
                return DirectResult.Fail(-22, $"{path}: offset {offset} is not a multiple of the device's {disk.DeviceSectorSize}-byte sector");
            }
            if (geometry.SectorSize < disk.DeviceSectorSize)
            {
                return DirectResult.Fail(-22, $"{path}: sector size {geometry.SectorSize} is smaller than the device's {disk.DeviceSectorSize}-byte logical sector");
            }

            try
            {
                write(disk, geometry);
            }
            catch (LeaseIoException e)
            {
                return DirectResult.Fail(-Math.Max(e.Errno, 1), e.Message);
            }
        }
        return DirectResult.Ok;
    }
}
