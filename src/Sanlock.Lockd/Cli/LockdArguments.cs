using System.Globalization;
using Sanlock.Libvirt;
using Sanlock.Lockd.Protocol;

namespace Sanlock.Lockd.Cli;

/// <summary>
/// The arguments of <c>sanlock lockd ACTION</c>: <c>--conf PATH</c>, <c>--timeout SECS</c>, <c>--pid PID</c>,
/// <c>--shared DISK</c> (repeatable), plain disks, and for <c>run</c> everything after <c>--</c> as the command.
/// Relative disk paths are made absolute (symlinks are not resolved: lock names hash the path, spec §6.2).
/// </summary>
public sealed record LockdArguments
{
    public string ConfPath { get; init; } = QemuLockdConfig.DefaultPath;

    public int? Pid { get; init; }

    public int? TimeoutSeconds { get; init; }

    public IReadOnlyList<DiskRequest> Disks { get; init; } = [];

    public IReadOnlyList<string> Command { get; init; } = [];

    /// <exception cref="ArgumentException">an unknown option or a missing or bad value.</exception>
    public static LockdArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new LockdArguments();
        var disks = new List<DiskRequest>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--":
                    return parsed with { Disks = disks, Command = [.. args.Skip(i + 1)] };
                case "--conf" or "-f":
                    parsed = parsed with { ConfPath = Value(args, ref i) };
                    break;
                case "--pid" or "-p":
                    parsed = parsed with { Pid = Number(args, ref i) };
                    break;
                case "--timeout" or "-t":
                    parsed = parsed with { TimeoutSeconds = Number(args, ref i) };
                    break;
                case "--shared" or "-s":
                    disks.Add(new DiskRequest(Path.GetFullPath(Value(args, ref i)), Shared: true));
                    break;
                case "":
                    throw new ArgumentException("empty disk path");
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new ArgumentException($"unknown option {arg}");
                    }

                    disks.Add(new DiskRequest(Path.GetFullPath(arg), Shared: false));
                    break;
            }
        }

        return parsed with { Disks = disks };
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count && args[i].Length > 0 ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static int Number(IReadOnlyList<string> args, ref int i)
    {
        string text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a positive number, not '{text}'");
    }
}
