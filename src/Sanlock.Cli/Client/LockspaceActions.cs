using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.Cli.Client;

/// <summary><c>add_lockspace</c>, <c>inq_lockspace</c>, <c>rem_lockspace</c>, <c>set_event</c>, <c>set_config</c>.</summary>
/// <remarks>sanlock-wire-protocol.md §4.3–§4.5, §4.28, §4.30.</remarks>
internal static class LockspaceActions
{
    /// <summary>The CLI's default io_timeout; only a different <c>-o</c> is sent (and named in the output).</summary>
    private const int DefaultIoTimeout = 10;

    public static int Add(ClientContext context)
    {
        int timeout = context.Options.IoTimeout;
        string label = timeout == DefaultIoTimeout ? "add_lockspace" : "add_lockspace_timeout";
        context.Output.WriteLine(timeout == DefaultIoTimeout ? label : $"{label} {timeout}");
        int result = context.Client.AddLockspace(context.Lockspace(), 0, timeout == DefaultIoTimeout ? 0u : unchecked((uint)timeout)).Result;
        return Done(context, label, result);
    }

    public static int Inquire(ClientContext context)
    {
        context.Output.WriteLine("inq_lockspace");
        return Done(context, "inq_lockspace", context.Client.InqLockspace(context.Lockspace()).Result);
    }

    public static int Remove(ClientContext context)
    {
        context.Output.WriteLine("rem_lockspace");
        return Done(context, "rem_lockspace", context.Client.RemLockspace(context.Lockspace()).Result);
    }

    public static int SetEvent(ClientContext context)
    {
        ClientOptions o = context.Options;
        ulong eventValue = o.OptionE is null ? 0 : Sanlock.Protocol.Text.CNumber.ParseUnsignedAuto(o.OptionE);
        context.Output.WriteLine($"set_event {o.HostId} {o.Generation} event 0x{eventValue:x} data 0x{o.Data:x}");
        var hostEvent = new SanlkHostEvent(o.HostId, o.Generation, eventValue, o.Data);
        string name = context.LockspaceName();
        // libsanlock refuses an empty lockspace name or host_id 0 before sending (−22).
        int result = name.Length == 0 || o.HostId == 0 ? -22 : context.Client.SetEvent(name, hostEvent).Result;
        return Done(context, "set_event", result);
    }

    public static int SetConfig(ClientContext context)
    {
        ClientOptions o = context.Options;
        uint value = o.Used is { } used
            ? (used != 0 ? HeaderData.ConfigUsed : HeaderData.ConfigUnused)
            : !o.OrphanGiven ? 0
            : o.Orphan != 0 ? HeaderData.ConfigUsedByOrphans : HeaderData.ConfigUnusedByOrphans;
        string name = context.LockspaceName();
        context.Output.WriteLine($"set_config {name} {value}");
        int result = name.Length == 0 ? -22 : context.Client.SetConfig(name, value).Result;
        return Done(context, "set_config", result);
    }

    internal static int Done(ClientContext context, string label, int result)
    {
        context.Output.WriteLine($"{label} done {result}");
        return ClientContext.ExitCode(result);
    }
}
