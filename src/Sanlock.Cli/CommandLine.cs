namespace Sanlock.Cli;

/// <summary>Dispatches the real sanlock CLI's first argument (daemon, client, direct, version, help).</summary>
internal static class CommandLine
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine("Usage: sanlock <command> [action] ...");
            return args.Length == 0 ? 1 : 0;
        }
        Console.Error.WriteLine($"Unknown command {args[0]}");
        return 1;
    }
}
