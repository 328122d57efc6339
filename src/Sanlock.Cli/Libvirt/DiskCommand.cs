using System.Net.Sockets;
using Sanlock.Cli.Client;
using Sanlock.Client;
using Sanlock.Libvirt;
using Sanlock.Libvirt.AutoLeases;
using Sanlock.Libvirt.SanlockPlugin;

namespace Sanlock.Cli.Libvirt;

/// <summary>
/// <c>sanlock disk run|acquire|release|inquire|join</c>: libvirt's automatic disk leases (spec libvirt §3, §4) for
/// any process, against the daemon of SANLOCK_RUN_DIR, configured by qemu-sanlock.conf.
/// </summary>
internal static class DiskCommand
{
    public const string Usage = """
        Usage: sanlock disk run [--config PATH] [--owner NAME] [--shared DISK]... [--readonly DISK]... DISK... -- COMMAND [ARGS]
               sanlock disk acquire --pid PID [--config PATH] [--owner NAME] [--shared DISK]... [--readonly DISK]... DISK...
               sanlock disk release --pid PID [--config PATH] [--shared DISK]... [--readonly DISK]... DISK...
               sanlock disk inquire --pid PID [--config PATH]
               sanlock disk join [--config PATH]
        --config defaults to /etc/libvirt/qemu-sanlock.conf.
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }
        string action = args[0];
        if (action is not ("run" or "acquire" or "release" or "inquire" or "join"))
        {
            return Fail($"unknown action \"{action}\"\n{Usage}", 2);
        }
        DiskArguments? parsed = DiskArguments.Parse(args[1..], takesCommand: action == "run", out string? error);
        if (parsed is null)
        {
            return Fail($"{error}\n{Usage}", 2);
        }
        bool needsPid = action is "acquire" or "release" or "inquire";
        if (needsPid != parsed.Pid.HasValue)
        {
            return Fail(needsPid ? $"{action} needs --pid PID" : $"{action} takes no --pid", 2);
        }
        if (action is "inquire" or "join" && parsed.Disks.Count > 0)
        {
            return Fail($"{action} takes no disks", 2);
        }
        try
        {
            var config = QemuSanlockConfig.Load(parsed.ConfigPath);
            var manager = new DiskLeaseManager(config, new SanlockClient());
            return action switch
            {
                "run" => RunCommand(manager, parsed),
                "acquire" => Acquire(manager, parsed),
                "release" => Release(manager, parsed),
                "inquire" => Inquire(manager, parsed.Pid!.Value),
                _ => Join(config),
            };
        }
        catch (LibvirtException e)
        {
            return Fail(e.Message, 1);
        }
    }

    /// <summary>Registers, takes the leases on the registered connection, then execs COMMAND with that connection
    /// kept open: the leases live exactly as long as COMMAND, whose exit code becomes ours.</summary>
    private static int RunCommand(DiskLeaseManager manager, DiskArguments args)
    {
        var plan = manager.Plan(args.Disks);
        manager.EnsureLeaseFiles(plan);
        RegisteredClient registered;
        try
        {
            registered = RegisteredClient.Register();
        }
        catch (SocketException e)
        {
            throw SanlockPluginMessages.RegisterFailed(-SanlockClient.ErrnoOf(e));
        }
        using (registered)
        {
            DiskLeaseManager.Acquire(registered, plan, args.OwnerName);
            int fd = (int)registered.Connection.Socket.Handle;
            int kept = NativeExec.KeepAcrossExec(fd);
            string program = ExecutablePath.Resolve(args.Command[0]);
            int failure = kept == 0 ? NativeExec.Exec(program, args.Command) : kept;
            return Fail($"cannot run {args.Command[0]}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(-failure)}", 127);
        }
    }

    private static int Acquire(DiskLeaseManager manager, DiskArguments args)
    {
        var plan = manager.Plan(args.Disks);
        manager.EnsureLeaseFiles(plan);
        manager.Acquire(args.Pid!.Value, plan, args.OwnerName);
        return 0;
    }

    private static int Release(DiskLeaseManager manager, DiskArguments args)
    {
        manager.Release(args.Pid!.Value, manager.Plan(args.Disks));
        return 0;
    }

    private static int Inquire(DiskLeaseManager manager, int pid)
    {
        Console.WriteLine(manager.Inquire(pid));
        return 0;
    }

    /// <summary>What the daemon's --libvirt-conf does at start, against any daemon (also a real sanlock).</summary>
    private static int Join(QemuSanlockConfig config)
    {
        if (!config.AutoDiskLeases)
        {
            return Fail("auto_disk_leases is 0: nothing to join", 1);
        }
        var outcome = LibvirtLockspaceSetup.Run(config, new SanlockClient());
        Console.WriteLine($"joined {LibvirtDisksLockspace.LockspaceString(config)} (created {(outcome.Created ? "yes" : "no")}, setups {outcome.Setups})");
        return 0;
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"sanlock disk: {message}");
        return code;
    }
}
