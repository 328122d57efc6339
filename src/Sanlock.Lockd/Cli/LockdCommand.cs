using System.Globalization;
using Sanlock.Libvirt;
using Sanlock.Lockd.Client;
using Sanlock.Lockd.Daemon;
using Sanlock.Lockd.Native;

namespace Sanlock.Lockd.Cli;

/// <summary><c>sanlock lockd daemon|run|acquire|release|inquire …</c> (README "lockd mode").</summary>
public static class LockdCommand
{
    public const string Usage = """
        Usage:
          sanlock lockd daemon [--conf QEMU_LOCKD_CONF] [--timeout IDLE_SECS]
          sanlock lockd run [--conf CONF] [--shared DISK]... DISK... -- COMMAND [ARGS...]
          sanlock lockd acquire --pid PID [--conf CONF] [--shared DISK]... DISK...
          sanlock lockd release --pid PID DISK...
          sanlock lockd inquire --pid PID
        The daemon listens on $SANLOCK_RUN_DIR/lockd.sock (default /run/sanlock/lockd.sock).
        """;

    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }

        string action = args[0];
        LockdArguments parsed;
        try
        {
            parsed = LockdArguments.Parse(args[1..]);
            Validate(action, parsed);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"sanlock lockd {action}: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 1;
        }

        try
        {
            return action switch
            {
                "daemon" => LockdHost.RunAsync(DaemonOptions(parsed), Console.Error).GetAwaiter().GetResult(),
                "run" => RunCommand(parsed),
                _ => ForPid(action, parsed),
            };
        }
        catch (LibvirtException e)
        {
            Console.Error.WriteLine($"sanlock lockd {action}: {e.Message}");
            return 1;
        }
    }

    private static void Validate(string action, LockdArguments a)
    {
        bool needsDisks = action is "run" or "acquire" or "release";
        switch (action)
        {
            case "daemon" when a.Disks.Count > 0 || a.Pid is not null:
                throw new ArgumentException("daemon takes only --conf and --timeout");
            case "run" when a.Command.Count == 0:
                throw new ArgumentException("missing -- COMMAND");
            case "run" when a.Pid is not null:
                throw new ArgumentException("run registers itself; --pid is for acquire, release and inquire");
            case "acquire" or "release" or "inquire" when a.Pid is null:
                throw new ArgumentException("--pid PID is required");
            case "daemon" or "run" or "acquire" or "release" or "inquire":
                break;
            default:
                throw new ArgumentException($"unknown action {action}");
        }

        if (needsDisks && a.Disks.Count == 0)
        {
            throw new ArgumentException("no disk given");
        }
    }

    private static LockdOptions DaemonOptions(LockdArguments a) => new()
    {
        ConfPath = a.ConfPath,
        IdleTimeout = a.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
    };

    private static LockdClient Connect(LockdArguments a) =>
        LockdClient.Connect(spawn: LockdSpawner.Wanted ? new LockdSpawner(a.ConfPath) : null);

    /// <summary>Registers this process, locks the disks, then execs the command keeping the connection open: the locks
    /// last exactly as long as the command (and whatever inherits the fd) runs.</summary>
    private static int RunCommand(LockdArguments a)
    {
        var client = Connect(a);
        client.Register(Environment.ProcessId);
        client.Acquire(a.Disks);
        int errno = Exec.KeepAcrossExec(client.SocketFd);
        if (errno == 0)
        {
            Environment.SetEnvironmentVariable("SANLOCK_LOCKD_FD", client.SocketFd.ToString(CultureInfo.InvariantCulture));
            errno = Exec.Replace(a.Command[0], a.Command);
        }

        Console.Error.WriteLine($"sanlock lockd run: cannot run {a.Command[0]}: {LibC.StrError(errno)}");
        client.Dispose();
        return 127;
    }

    private static int ForPid(string action, LockdArguments a)
    {
        using var client = Connect(a);
        client.Register(a.Pid!.Value);
        switch (action)
        {
            case "acquire":
                client.Acquire(a.Disks);
                break;
            case "release":
                client.Release(a.Disks);
                break;
            default:
                foreach (var l in client.Inquire())
                {
                    Console.WriteLine($"{(l.Shared ? "shared" : "exclusive")} {l.DiskPath} {l.LockFilePath}");
                }

                break;
        }

        return 0;
    }
}
