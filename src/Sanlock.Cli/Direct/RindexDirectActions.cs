using Sanlock.Cli.Common;
using Sanlock.Leases.Rindex;
using Sanlock.OnDisk;
using Sanlock.Posix;

namespace Sanlock.Cli.Direct;

/// <summary>
/// <c>direct format|lookup|update|rebuild -x LOCKSPACE:PATH:OFFSET [-e NAME[:OFFSET]] [-z 0|1] [-Z -A]</c>: the resource
/// index on disk, without a daemon and without the <c>rindex_lease</c> (as the real CLI's direct mode). Output as
/// sanlock 3.8.5: <c>ACTION done N</c>, and for a successful lookup <c>name NAME|- offset N</c>.
/// </summary>
internal static class RindexDirectActions
{
    public static int Format(ReadOnlySpan<string> args, CliOutput output) =>
        Run(args, output, "format", async (disk, rx, options, sizes) =>
        {
            var geometry = sizes.TryGetGeometry(out var given) ? given
                : disk.DeviceSectorSize == 4096 ? LeaseGeometry.Create(4096, 8 << 20) : LeaseGeometry.Default;
            await RindexStore.FormatAsync(disk, rx.Offset, geometry, rx.Lockspace, maxResources: 0).ConfigureAwait(false);
            return null;
        });

    public static int Lookup(ReadOnlySpan<string> args, CliOutput output) =>
        Run(args, output, "lookup", async (disk, rx, options, sizes) =>
        {
            var table = await RindexStore.LoadAsync(disk, rx.Lockspace, (ulong)rx.Offset).ConfigureAwait(false);
            var (name, offset) = Entry(options);
            var (result, entry) = table.Lookup(name, offset);
            Ensure(result, $"no entry for \"{name}\" offset {offset} in the rindex at {disk.Path}:{rx.Offset}");
            return $"name {(entry.Name.IsEmpty ? "-" : entry.Name.ToString())} offset {entry.ResOffset}";
        });

    public static int Update(ReadOnlySpan<string> args, CliOutput output) =>
        Run(args, output, "update", async (disk, rx, options, sizes) =>
        {
            var table = await RindexStore.LoadAsync(disk, rx.Lockspace, (ulong)rx.Offset).ConfigureAwait(false);
            var (name, offset) = Entry(options);
            bool remove = options.Get('z') is { } z && CNumbers.Atoi(z) != 0;
            var (result, _, index) = table.Update(name, offset, add: !remove);
            Ensure(result, $"cannot {(remove ? "remove" : "add")} \"{name}\" offset {offset} in the rindex at {disk.Path}:{rx.Offset}");
            await RindexStore.WriteEntrySectorAsync(disk, table, index).ConfigureAwait(false);
            return null;
        });

    public static int Rebuild(ReadOnlySpan<string> args, CliOutput output) =>
        Run(args, output, "rebuild", async (disk, rx, options, sizes) =>
        {
            var table = await RindexStore.LoadAsync(disk, rx.Lockspace, (ulong)rx.Offset).ConfigureAwait(false);
            long length = new FileInfo(disk.Path).Length;
            await RindexStore.RebuildAsync(disk, table, length > 0 ? length : long.MaxValue).ConfigureAwait(false);
            return null;
        });

    private sealed record RindexPlace(LeaseName Lockspace, string Path, long Offset);

    private delegate Task<string?> Operation(DirectFileDisk disk, RindexPlace rx, CliOptions options, DirectSizes sizes);

    private static int Run(ReadOnlySpan<string> args, CliOutput output, string action, Operation operation)
    {
        if (!DirectArguments.TryParse(args, takesPositional: false, output, out var options, out var sizes))
        {
            return 1;
        }

        DirectResult result = DirectResult.Ok;
        string? line = null;
        if (!TryPlace(options, out var rx, out var why))
        {
            result = DirectResult.Fail(-22, why);
        }
        else
        {
            try
            {
                using var disk = DirectFileDisk.Open(rx.Path, action is "lookup" ? DirectOpenMode.ReadOnly : DirectOpenMode.ReadWrite);
                if (rx.Offset % disk.DeviceSectorSize != 0)
                {
                    throw new SanlockException(SanlockError.EINVAL,
                        $"{rx.Path}: offset {rx.Offset} is not a multiple of the device's {disk.DeviceSectorSize}-byte sector");
                }
                line = operation(disk, rx, options, sizes).GetAwaiter().GetResult();
            }
            catch (SanlockException e)
            {
                result = DirectResult.Fail(e.Code, e.Message);
            }
            catch (LeaseIoException e)
            {
                result = DirectResult.Fail(-Math.Max(e.Errno, 1), e.Message);
            }
        }

        output.Out.WriteLine($"{action} done {result.Code}");
        if (result.Code == 0 && line is not null)
        {
            output.Out.WriteLine(line);
        }
        if (result.Reason is not null)
        {
            output.Error.WriteLine($"direct {action}: {result.Reason}");
        }
        return result.Code == 0 ? 0 : 1;
    }

    private static bool TryPlace(CliOptions options, out RindexPlace rx, out string why)
    {
        rx = null!;
        why = "";
        if (options.Get('x') is not { } text)
        {
            why = "needs -x LOCKSPACE:PATH:OFFSET";
            return false;
        }
        var fields = ColonFields.Split(text);
        var path = fields.Count > 1 ? fields[1] : "";
        long offset = 0;
        if (fields.Count > 2 && !ColonFields.TryParseOffset(fields[2], out offset))
        {
            why = $"-x \"{text}\": offset \"{fields[2]}\" is not a number";
            return false;
        }
        if (fields[0].Length == 0 || path.Length == 0)
        {
            why = $"-x \"{text}\": needs a lockspace name and a path";
            return false;
        }
        if (ColonFields.Utf8Length(fields[0]) > LeaseName.Size)
        {
            why = $"-x \"{text}\": lockspace name is over {LeaseName.Size} bytes";
            return false;
        }
        rx = new RindexPlace(new LeaseName(fields[0]), path, offset);
        return true;
    }

    private static (LeaseName Name, ulong Offset) Entry(CliOptions options)
    {
        var fields = ColonFields.Split(options.Get('e') ?? "");
        var name = fields[0];
        while (ColonFields.Utf8Length(name) > LeaseName.Size)
        {
            name = name[..^1];
        }
        long offset = 0;
        if (fields.Count > 1)
        {
            ColonFields.TryParseOffset(fields[1], out offset);
        }
        return (new LeaseName(name), (ulong)offset);
    }

    private static void Ensure(SanlockError result, string what)
    {
        if (result != SanlockError.Ok)
        {
            throw new SanlockException(result, what);
        }
    }
}
