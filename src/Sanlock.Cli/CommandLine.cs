using Sanlock.Cli.Client;
using Sanlock.Cli.Daemon;
using Sanlock.Cli.Direct;

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
        return args[0] switch
        {
            "direct" => DirectCommand.Run(args[1..]),
            "client" => ClientCommand.Run(args[1..]),
            "daemon" => DaemonCommand.Run(args[1..]),
            "disk" => Libvirt.DiskCommand.Run(args[1..]),
            "virt-sanlock-cleanup" => Libvirt.VirtSanlockCleanupCommand.Run(args[1..]),
            "lockd" => Sanlock.Lockd.Cli.LockdCommand.Run(args[1..]),
            _ => Unknown(args[0]),
        };
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"Unknown command {command}");
        return 1;
    }
}
