using Sanlock.Cli.Common;

namespace Sanlock.Cli.Direct;

/// <summary><c>sanlock direct ACTION …</c>: lease operations straight on disk, no daemon.</summary>
internal static class DirectCommand
{
    /// <summary>Option letters the real CLI's parser knows (all take a value; -D takes none).</summary>
    internal const string KnownLetters = "abcdefghilmnoprstuwxzAFGHLOPQRSUZ";

    public static int Run(string[] args)
    {
        var output = CliOutput.ForConsole();
        try
        {
            return Run(args, output);
        }
        finally
        {
            output.Flush();
        }
    }

    public static int Run(ReadOnlySpan<string> args, CliOutput output)
    {
        if (args.Length == 0)
        {
            output.Out.Write(UsageText.Text);
            return 1;
        }

        var action = args[0];
        return action switch
        {
            "init" => InitAction.Run(args[1..], output),
            "dump" => DumpAction.Run(args[1..], output),
            "read_leader" => ReadLeaderAction.Run(args[1..], output),
            "next_free" => NextFreeAction.Run(args[1..], output),
            "acquire" => AcquireAction.Run(args[1..], output),
            "release" => ReleaseAction.Run(args[1..], output),
            "acquire_id" => DeltaLeaseActions.AcquireId(args[1..], output),
            "renew_id" => DeltaLeaseActions.RenewId(args[1..], output),
            "release_id" => DeltaLeaseActions.ReleaseId(args[1..], output),
            "format" => RindexDirectActions.Format(args[1..], output),
            "lookup" => RindexDirectActions.Lookup(args[1..], output),
            "update" => RindexDirectActions.Update(args[1..], output),
            "rebuild" => RindexDirectActions.Rebuild(args[1..], output),
            "write_leader" => NotSupported(action, output),
            _ => Unknown(action, output),
        };
    }

    private static int Unknown(string action, CliOutput output)
    {
        output.Out.WriteLine($"direct action \"{action}\" is unknown");
        return 1;
    }

    private static int NotSupported(string action, CliOutput output)
    {
        output.Error.WriteLine($"direct {action}: not supported by this implementation yet");
        return 1;
    }
}
