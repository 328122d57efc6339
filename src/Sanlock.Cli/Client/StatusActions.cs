using Sanlock.Client;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Structs;
using Sanlock.Protocol.Text;

namespace Sanlock.Cli.Client;

/// <summary><c>status</c>, <c>host_status</c>, <c>renewal</c>, <c>gets</c>: the daemon's state records and lists.</summary>
/// <remarks>sanlock-wire-protocol.md §4.21–§4.25, §6.2, §6.4.</remarks>
internal static class StatusActions
{
    public static int Status(ClientContext context)
    {
        SanlockReply reply = context.Client.Status(HeaderData.StatusAll);
        if (reply.Body is not StateRecordsReply records)
        {
            return ClientContext.ExitCode(reply.Result == 0 ? 1 : reply.Result);
        }
        foreach (StateRecord record in Order(records.Records, context.Options.OptionO))
        {
            PrintRecord(context, record);
        }
        return ClientContext.ExitCode(reply.Result);
    }

    public static int HostStatus(ClientContext context)
    {
        if (context.Options.Lockspace is not null)
        {
            return PrintHosts(context, context.LockspaceName());
        }
        SanlockReply status = context.Client.Status(HeaderData.StatusLockspaces);
        if (status.Body is not StateRecordsReply records)
        {
            return 1;
        }
        int result = 0;
        foreach (StateRecord record in records.Records.Where(r => r.State.Type == StateType.Lockspace))
        {
            context.Output.WriteLine($"lockspace {record.State.Name}");
            result = PrintHosts(context, record.State.Name);
        }
        return result;
    }

    public static int Renewal(ClientContext context)
    {
        SanlockReply reply = context.Client.Renewal(context.LockspaceName());
        if (reply.Body is StateRecordsReply records)
        {
            foreach (StateRecord record in records.Records)
            {
                context.Output.WriteLine(record.State.Text);
            }
        }
        return ClientContext.ExitCode(reply.Result == 0 && reply.Body is not StateRecordsReply ? 1 : reply.Result);
    }

    public static int Gets(ClientContext context)
    {
        SanlockReply reply = context.Client.GetLockspaces();
        if (reply.Result < 0 && reply.Result != -28)
        {
            context.Output.WriteLine($"gets error {reply.Result}");
            return 1;
        }
        IReadOnlyList<SanlkLockspace> spaces = reply.Body is LockspacesReply list ? list.Lockspaces : [];
        foreach (SanlkLockspace space in spaces)
        {
            string flags = (space.Flags & LockspaceFlags.Add) != 0 ? "ADD " : (space.Flags & LockspaceFlags.Rem) != 0 ? "REM " : string.Empty;
            context.Output.WriteLine($"s {space.Name}:{space.HostId}:{space.HostIdDisk.Path}:{space.HostIdDisk.Offset} {flags}");
            if (context.Options.Hosts != 0)
            {
                PrintGetHosts(context, space.Name);
            }
        }
        return 0;
    }

    private static void PrintGetHosts(ClientContext context, string name)
    {
        SanlockReply hosts = context.Client.GetHosts(name);
        if (hosts.Result == -11)
        {
            context.Output.WriteLine("hosts not ready");
            return;
        }
        if (hosts.Result < 0 && hosts.Result != -28)
        {
            context.Output.WriteLine($"hosts error {hosts.Result}");
            return;
        }
        foreach (SanlkHost host in hosts.Body is HostsReply h ? h.Hosts : [])
        {
            context.Output.WriteLine($"h {host.HostId} gen {host.Generation} timestamp {host.Timestamp} {StateName(host.State)}");
        }
    }

    private static string StateName(HostState state) => state switch
    {
        HostState.Unknown => "UNKNOWN",
        HostState.Free => "FREE",
        HostState.Live => "LIVE",
        HostState.Fail => "FAIL",
        HostState.Dead => "DEAD",
        _ => "ERROR",
    };

    private static int PrintHosts(ClientContext context, string name)
    {
        SanlockReply reply = context.Client.HostStatus(name);
        if (reply.Body is StateRecordsReply records)
        {
            foreach (StateRecord record in records.Records)
            {
                PrintRecord(context, record);
            }
        }
        return ClientContext.ExitCode(reply.Result == 0 && reply.Body is not StateRecordsReply ? 1 : reply.Result);
    }

    private static void PrintRecord(ClientContext context, StateRecord record)
    {
        context.Output.WriteLine(Line(record));
        if (context.Options.Debug)
        {
            foreach (string item in record.State.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                context.Output.WriteLine($"    {item}");
            }
        }
    }

    public static string Line(StateRecord record)
    {
        SanlkState state = record.State;
        return state.Type switch
        {
            StateType.Daemon => $"daemon {state.Name}",
            StateType.Client => $"p {state.Data32Signed} {state.Name}",
            StateType.Lockspace when record.Lockspace is { } ls =>
                $"s {ls.Name}:{ls.HostId}:{SanlockPath.Export(ls.HostIdDisk.Path)}:{ls.HostIdDisk.Offset}{ListSuffix(state, orphan: false)}",
            StateType.Resource when record.Resource is { } res => ResourceLine(state, res),
            StateType.Host => $"{state.Data32} timestamp {state.Data64}",
            _ => state.Text,
        };
    }

    private static string ResourceLine(SanlkState state, SanlkResource res)
    {
        var line = new System.Text.StringBuilder();
        line.Append("r ").Append(res.LockspaceName).Append(':').Append(res.Name);
        foreach (SanlkDisk disk in res.Disks)
        {
            line.Append(':').Append(SanlockPath.Export(disk.Path)).Append(':').Append(disk.Offset);
        }
        line.Append(':').Append((res.Flags & ResourceFlags.Shared) != 0 ? "SH" : state.Data64.ToString(System.Globalization.CultureInfo.InvariantCulture));
        line.Append(" p ").Append(state.Data32Signed).Append(ListSuffix(state, orphan: true));
        return line.ToString();
    }

    private static string ListSuffix(SanlkState state, bool orphan)
    {
        string? list = state.Pairs().Where(p => p.Key == "list").Select(p => p.Value).FirstOrDefault();
        return list switch
        {
            "add" => " ADD",
            "rem" => " REM",
            "orphan" when orphan => " ORPHAN",
            _ => string.Empty,
        };
    }

    /// <summary><c>-o p</c>: clients holding nothing, lockspaces, then each holder followed by its resources;
    /// <c>-o s</c>: clients, then each lockspace followed by its resources. Otherwise the daemon's order.</summary>
    private static List<StateRecord> Order(IReadOnlyList<StateRecord> records, string? order)
    {
        List<StateRecord> daemon = [.. records.Where(r => r.State.Type == StateType.Daemon)];
        List<StateRecord> clients = [.. records.Where(r => r.State.Type == StateType.Client)];
        List<StateRecord> spaces = [.. records.Where(r => r.State.Type == StateType.Lockspace)];
        List<StateRecord> resources = [.. records.Where(r => r.State.Type == StateType.Resource)];
        var sorted = new List<StateRecord>(daemon);
        if (order == "p")
        {
            sorted.AddRange(clients.Where(c => !resources.Any(r => r.State.Data32 == c.State.Data32)));
            sorted.AddRange(spaces);
            foreach (StateRecord client in clients.Where(c => resources.Any(r => r.State.Data32 == c.State.Data32)))
            {
                sorted.Add(client);
                sorted.AddRange(resources.Where(r => r.State.Data32 == client.State.Data32));
            }
        }
        else if (order == "s")
        {
            sorted.AddRange(clients.OrderBy(c => c.State.Data32Signed));
            foreach (StateRecord space in spaces)
            {
                sorted.Add(space);
                sorted.AddRange(resources.Where(r => r.Resource?.LockspaceName == space.State.Name));
            }
        }
        else
        {
            return [.. records];
        }
        sorted.AddRange(records.Where(r => !sorted.Contains(r)));
        return sorted;
    }
}
