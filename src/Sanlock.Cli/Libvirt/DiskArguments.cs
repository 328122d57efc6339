using System.Globalization;
using Sanlock.Libvirt;

namespace Sanlock.Cli.Libvirt;

/// <summary>The arguments of <c>sanlock disk ACTION</c>: disks in order (plain = read/write, <c>--shared</c>,
/// <c>--readonly</c>), <c>--pid</c>, <c>--config</c>, <c>--owner</c>, and for <c>run</c> the command after <c>--</c>.</summary>
internal sealed record DiskArguments(
    IReadOnlyList<OfferedDisk> Disks, int? Pid, string ConfigPath, string OwnerName, IReadOnlyList<string> Command)
{
    /// <summary>Parses <paramref name="args"/>; <paramref name="error"/> names the bad argument.</summary>
    public static DiskArguments? Parse(IReadOnlyList<string> args, bool takesCommand, out string? error)
    {
        var disks = new List<OfferedDisk>();
        int? pid = null;
        string config = QemuSanlockConfig.DefaultPath;
        string owner = string.Empty;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--" && takesCommand)
            {
                error = i + 1 < args.Count ? null : "-- needs a command after it";
                return error is null ? new DiskArguments(disks, pid, config, owner, [.. args.Skip(i + 1)]) : null;
            }
            if (arg is "--shared" or "--readonly" or "--pid" or "--config" or "--owner")
            {
                if (i + 1 >= args.Count)
                {
                    error = $"{arg} needs a value";
                    return null;
                }
                string value = args[++i];
                switch (arg)
                {
                    case "--shared":
                        disks.Add(new OfferedDisk(value, Shared: true));
                        break;
                    case "--readonly":
                        disks.Add(new OfferedDisk(value, ReadOnly: true));
                        break;
                    case "--pid":
                        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p <= 0)
                        {
                            error = $"--pid needs a process id, got \"{value}\"";
                            return null;
                        }
                        pid = p;
                        break;
                    case "--config":
                        config = value;
                        break;
                    default:
                        owner = value;
                        break;
                }
                continue;
            }
            if (arg.StartsWith('-'))
            {
                error = $"unknown option \"{arg}\"";
                return null;
            }
            disks.Add(new OfferedDisk(arg));
        }
        if (takesCommand)
        {
            error = "missing -- COMMAND";
            return null;
        }
        error = null;
        return new DiskArguments(disks, pid, config, owner, []);
    }
}
