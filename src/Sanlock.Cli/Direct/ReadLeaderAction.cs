using System.Globalization;
using System.Text;
using Sanlock.Cli.Common;
using Sanlock.OnDisk;
using Sanlock.Posix;

namespace Sanlock.Cli.Direct;

/// <summary>
/// <c>direct read_leader -s LS:HOST_ID:PATH:OFFSET</c> (that host's delta lease) or
/// <c>-r LS:NAME:PATH:OFFSET</c> (the paxos leader): prints <c>read_leader done N</c> with the validation result
/// and, when the leader was read, its fields. Sizes come from -Z/-A or from the leader at OFFSET.
/// </summary>
/// <remarks>
/// The real CLI prints its (uninitialised or zeroed) buffer even when nothing was read; this one prints the fields
/// only when the device returned the whole sector, and says on stderr why not otherwise.
/// </remarks>
internal static class ReadLeaderAction
{
    public static int Run(ReadOnlySpan<string> args, CliOutput output)
    {
        if (!DirectArguments.TryParse(args, takesPositional: false, output, out var options, out var sizes))
        {
            return 1;
        }

        // As in the real CLI: -s decides what is read; -r alone reads a resource; the labels of the last three
        // fields follow -r.
        var resourceLabels = options.Has('r');
        var (result, leader) = options.Get('s') is { } s ? ReadDelta(s, sizes)
            : options.Get('r') is { } r ? ReadPaxos(r, sizes, output)
            : (DirectResult.Fail(-1, "read_leader needs -s LOCKSPACE or -r RESOURCE"), null);

        output.Out.WriteLine($"read_leader done {result.Code}");
        if (leader is { } read)
        {
            output.Out.Write(Fields(read, resourceLabels));
        }
        if (result.Reason is not null)
        {
            output.Error.WriteLine($"direct read_leader: {result.Reason}");
        }
        return result.Code == 0 ? 0 : 1;
    }

    private static (DirectResult, Leader?) ReadDelta(string text, DirectSizes sizes)
    {
        var lockspace = LockspaceArgument.Parse(text, out var why);
        if (lockspace is null)
        {
            return (DirectResult.Fail(-22, why!), null);
        }
        if (lockspace.HostId < 1)
        {
            return (DirectResult.Fail(-22, $"lockspace \"{text}\": host_id {lockspace.HostId} is not a valid host_id (1..2000)"), null);
        }
        return ReadLeader(lockspace.Path, lockspace.Offset, lockspace.HostId - 1, probeSizes: true, sizes,
            (leader, where) =>
            {
                var error = LeaderValidation.CheckDelta(leader, new LeaseName(lockspace.Name));
                return (error, LeaderValidation.Describe(error, leader, new LeaseName(lockspace.Name), default, 0, where));
            });
    }

    private static (DirectResult, Leader?) ReadPaxos(string text, DirectSizes sizes, CliOutput output)
    {
        var resource = ResourceArgument.Parse(text, out var code, out var why);
        if (resource is null)
        {
            output.Out.WriteLine($"resource arg parse error {code}\n");
            return (DirectResult.Fail(-1, why!), null);
        }
        if (resource.Disks.Count == 0)
        {
            return (DirectResult.Fail(-1, $"resource \"{text}\" names no disk"), null);
        }
        var disk = resource.Disks[0];
        return ReadLeader(disk.Path, disk.Offset, 0, probeSizes: false, sizes,
            (leader, where) =>
            {
                var (space, name) = (new LeaseName(resource.Lockspace), new LeaseName(resource.Name));
                var error = LeaderValidation.CheckPaxos(leader, space, name, 0);
                return (error, LeaderValidation.Describe(error, leader, space, name, 0, where));
            });
    }

    private static (DirectResult, Leader?) ReadLeader(string path, long offset, long sectorIndex, bool probeSizes, DirectSizes sizes, Func<Leader, string, (SanlockError Error, string Why)> validate)
    {
        if (path.Length == 0)
        {
            return (DirectResult.Fail(-1, "no path given"), null);
        }

        DirectFileDisk disk;
        try
        {
            disk = DirectFileDisk.Open(path, DirectOpenMode.ReadOnly);
        }
        catch (LeaseIoException e)
        {
            return (DirectResult.Fail(e.Errno == 2 ? -19 : -Math.Max(e.Errno, 1), e.Message), null);
        }

        using (disk)
        {
            if (offset < 0 || offset % disk.DeviceSectorSize != 0)
            {
                return (DirectResult.Fail(-22, $"{path}: offset {offset} is not a multiple of the device's {disk.DeviceSectorSize}-byte sector"), null);
            }

            try
            {
                // A delta lease's place depends on the sector size: -Z/-A, else the leader at OFFSET says. A paxos
                // leader is at OFFSET itself and is read in device sectors (as the real CLI does).
                int sectorSize;
                if (sizes.TryGetGeometry(out var geometry))
                {
                    sectorSize = geometry.SectorSize;
                }
                else if (!probeSizes)
                {
                    sectorSize = disk.DeviceSectorSize;
                }
                else
                {
                    var probe = ReadSector(disk, offset, disk.DeviceSectorSize, out var got);
                    if (probe is null || !IsLeaderMagic(probe.Value.Magic) || !probe.Value.TryGetGeometry(out geometry))
                    {
                        var what = probe is null
                            ? $"only {got} bytes exist at offset {offset}"
                            : $"the record at offset {offset} (magic 0x{probe.Value.Magic:x8}, sector_size {probe.Value.SectorSize}, flags 0x{probe.Value.Flags:x}) is not a lockspace or resource leader with known sizes";
                        return (DirectResult.Fail(probe is null ? -90 : -1, $"{path}: {what}; set the sizes with -Z and -A"), null);
                    }
                    sectorSize = geometry.SectorSize;
                }

                var sectorOffset = offset + (sectorIndex * sectorSize);
                var leader = ReadSector(disk, sectorOffset, sectorSize, out var length);
                if (leader is null)
                {
                    return (DirectResult.Fail(-90, $"{path}: offset {sectorOffset}: only {length} of {sectorSize} bytes exist (end of file)"), null);
                }

                var (error, why) = validate(leader.Value, $"{path} offset {sectorOffset}");
                return error == SanlockError.Ok ? (DirectResult.Ok, leader) : (DirectResult.Fail((int)error, why), leader);
            }
            catch (LeaseIoException e)
            {
                return (DirectResult.Fail(-Math.Max(e.Errno, 1), e.Message), null);
            }
        }
    }

    private static bool IsLeaderMagic(uint magic) => magic is Leader.DeltaMagic or Leader.PaxosMagic;

    /// <summary>The leader in the sector at <paramref name="offset"/>, or null when the device ends before the sector does.</summary>
    private static Leader? ReadSector(DirectFileDisk disk, long offset, int sectorSize, out int got)
    {
        using var buffer = disk.AllocateBuffer(sectorSize);
        got = disk.ReadAvailable(offset, buffer, sectorSize);
        return got < sectorSize ? null : Leader.Decode(buffer.Span);
    }

    private static string Fields(in Leader leader, bool resourceLabels)
    {
        var (w1, w2, w3) = resourceLabels ? ("write_id", "write_generation", "write_timestamp") : ("extra1", "extra2", "extra3");
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"magic 0x{leader.Magic:x}\n");
        text.Append(c, $"version 0x{leader.Version:x}\n");
        text.Append(c, $"flags 0x{leader.Flags:x}\n");
        text.Append(c, $"sector_size {leader.SectorSize}\n");
        text.Append(c, $"num_hosts {leader.NumHosts}\n");
        text.Append(c, $"max_hosts {leader.MaxHosts}\n");
        text.Append(c, $"owner_id {leader.OwnerId}\n");
        text.Append(c, $"owner_generation {leader.OwnerGeneration}\n");
        text.Append(c, $"lver {leader.Lver}\n");
        text.Append(c, $"space_name {CliOutput.RawText(leader.SpaceName.Value)}\n");
        text.Append(c, $"resource_name {CliOutput.RawText(leader.ResourceName.Value)}\n");
        text.Append(c, $"timestamp {leader.Timestamp}\n");
        text.Append(c, $"checksum 0x{leader.Checksum:x}\n");
        text.Append(c, $"io_timeout {leader.IoTimeout}\n");
        text.Append(c, $"{w1} {leader.WriteId}\n");
        text.Append(c, $"{w2} {leader.WriteGeneration}\n");
        text.Append(c, $"{w3} {leader.WriteTimestamp}\n");
        return text.ToString();
    }
}
