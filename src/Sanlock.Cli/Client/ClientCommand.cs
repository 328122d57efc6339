using Sanlock.Client;

namespace Sanlock.Cli.Client;

/// <summary><c>sanlock client ACTION …</c>: requests to the daemon of SANLOCK_RUN_DIR, with the real 3.8.5 CLI's
/// arguments, output (all on stdout) and exit codes (0 only when the daemon's result is exactly 0).</summary>
/// <remarks>Output formats: sanlock-wire-protocol.md §6.2, and what the real CLI prints (observed).</remarks>
internal static class ClientCommand
{
    public static int Run(string[] args)
    {
        TextWriter output = Console.Out;
        try
        {
            return Run(args, output, ClientDaemon.For(args.Length > 0 ? args[0] : string.Empty));
        }
        finally
        {
            output.Flush();
        }
    }

    public static int Run(string[] args, TextWriter output, SanlockClient client)
    {
        if (args.Length == 0)
        {
            output.Write(ClientUsage.Text);
            return 1;
        }
        string action = args[0];
        if (!IsKnown(action))
        {
            output.WriteLine($"client action \"{action}\" is unknown");
            return 1;
        }
        ClientOptions? options = ClientOptionParser.Parse(action, args[1..], output);
        if (options is null)
        {
            return 1;
        }
        var context = new ClientContext(options, output, client);
        return action switch
        {
            "status" => StatusActions.Status(context),
            "host_status" => StatusActions.HostStatus(context),
            "renewal" => StatusActions.Renewal(context),
            "gets" => StatusActions.Gets(context),
            "version" => DaemonActions.Version(context),
            "log_dump" => DaemonActions.LogDump(context),
            "shutdown" => DaemonActions.Shutdown(context),
            "add_lockspace" => LockspaceActions.Add(context),
            "inq_lockspace" => LockspaceActions.Inquire(context),
            "rem_lockspace" => LockspaceActions.Remove(context),
            "set_event" => LockspaceActions.SetEvent(context),
            "set_config" => LockspaceActions.SetConfig(context),
            "acquire" => ResourceActions.Acquire(context),
            "release" => ResourceActions.Release(context),
            "convert" => ResourceActions.Convert(context),
            "inquire" => ResourceActions.Inquire(context),
            "request" => ResourceActions.Request(context),
            "examine" => ResourceActions.Examine(context),
            "command" => CommandAction.Run(context),
            "align" => StorageActions.Align(context),
            "init" => StorageActions.Init(context),
            "read" => StorageActions.Read(context),
            "format" => RindexActions.Format(context),
            "rebuild" => RindexActions.Rebuild(context),
            "create" => RindexActions.Create(context),
            "delete" => RindexActions.Delete(context),
            "lookup" => RindexActions.Lookup(context),
            "update" => RindexActions.Update(context),
            _ => 1,
        };
    }

    private static bool IsKnown(string action) => action is "status" or "host_status" or "renewal" or "gets" or "version"
        or "log_dump" or "shutdown" or "add_lockspace" or "inq_lockspace" or "rem_lockspace" or "set_event"
        or "set_config" or "acquire" or "release" or "convert" or "inquire" or "request" or "examine" or "command"
        or "align" or "init" or "read" or "format" or "rebuild" or "create" or "delete" or "lookup" or "update";
}
