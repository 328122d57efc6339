using Sanlock.Client;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Structs;

namespace Sanlock.Cli.Client;

/// <summary><c>acquire</c>, <c>release</c>, <c>convert</c>, <c>inquire</c> on behalf of <c>-p PID</c> (−1 when absent:
/// the daemon then answers −16, since the CLI's own connection is not registered), and <c>request</c>,
/// <c>examine</c>.</summary>
/// <remarks>sanlock-wire-protocol.md §1.5, §4.7–§4.10, §4.13, §4.14.</remarks>
internal static class ResourceActions
{
    public static int Acquire(ClientContext context)
    {
        ClientOptions o = context.Options;
        context.Output.WriteLine($"acquire pid {o.Pid}");
        List<SanlkResource> resources = [.. o.Resources.Select(r => ForAcquire(r, o))];
        uint flags = o.Orphan != 0 ? CommandFlags.AcquireOrphan : 0;
        int result = context.Client.Acquire(o.Pid, resources, SanlkOptions.Empty, flags).Result;
        return LockspaceActions.Done(context, "acquire", result);
    }

    public static int Release(ClientContext context)
    {
        ClientOptions o = context.Options;
        context.Output.WriteLine($"release pid {o.Pid}");
        uint flags = 0;
        List<SanlkResource> resources = [.. o.Resources];
        if (o.Orphan != 0)
        {
            flags |= CommandFlags.ReleaseOrphan;
            if (resources.Count == 0)
            {
                resources.Add(SanlkResource.Create(context.LockspaceName(), string.Empty, []));
            }
        }
        SanlockReply reply = o.OptionA() != 0
            ? context.Client.Release(o.Pid, [], flags | CommandFlags.ReleaseAll)
            : context.Client.Release(o.Pid, resources, flags);
        return LockspaceActions.Done(context, "release", reply.Result);
    }

    public static int Convert(ClientContext context)
    {
        ClientOptions o = context.Options;
        context.Output.WriteLine($"convert pid {o.Pid}");
        SanlkResource resource = o.Resources.Count > 0 ? o.Resources[0] : SanlkResource.Create(string.Empty, string.Empty, []);
        return LockspaceActions.Done(context, "convert", context.Client.Convert(o.Pid, resource).Result);
    }

    public static int Inquire(ClientContext context)
    {
        ClientOptions o = context.Options;
        context.Output.WriteLine($"inquire pid {o.Pid}");
        SanlockReply reply = context.Client.Inquire(o.Pid);
        InquireReply? state = reply.Body as InquireReply;
        uint count = state is { PayloadLength: > 0 } ? reply.Header.Data2 : 0;
        context.Output.WriteLine($"inquire done {reply.Result} res_count {count}");
        if (reply.Result == 0)
        {
            context.Output.WriteLine($"\"{(state?.State is { Length: > 0 } s ? s : "(null)")}\"");
        }
        return ClientContext.ExitCode(reply.Result);
    }

    public static int Request(ClientContext context)
    {
        ClientOptions o = context.Options;
        context.Output.WriteLine("request");
        int result = o.Resources.Count == 0 || o.Resources[0].Disks.Count == 0
            ? -22
            : context.Client.Request(o.Resources[0], unchecked((uint)o.Force)).Result;
        return LockspaceActions.Done(context, "request", result);
    }

    public static int Examine(ClientContext context)
    {
        ClientOptions o = context.Options;
        context.Output.WriteLine("examine");
        int result;
        if (o.Resources.Count > 0)
        {
            result = context.Client.ExamineResource(o.Resources[0]).Result;
        }
        else if (o.Lockspace is not null)
        {
            SanlkLockspace lockspace = context.Lockspace();
            result = lockspace.HostIdDisk.Path.Length > 0
                ? context.Client.ExamineLockspace(lockspace).Result
                : context.Client.ExamineResource(SanlkResource.Create(lockspace.Name, string.Empty, [])).Result;
        }
        else
        {
            result = -22;
        }
        return LockspaceActions.Done(context, "examine", result);
    }

    private static SanlkResource ForAcquire(SanlkResource resource, ClientOptions o)
    {
        if (o.Persistent != 0)
        {
            resource = resource with { Flags = resource.Flags | ResourceFlags.Persistent };
        }
        if (o.NumHosts != 0)
        {
            resource = resource with { Flags = resource.Flags | ResourceFlags.NumHosts, Data32 = unchecked((uint)o.NumHosts) };
        }
        return resource;
    }
}
