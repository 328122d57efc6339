using Sanlock.Client;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Structs;
using Sanlock.Protocol.Text;

namespace Sanlock.Cli.Client;

/// <summary><c>align</c>, <c>init</c>, <c>read</c>: lease areas through the daemon.</summary>
/// <remarks>sanlock-wire-protocol.md §4.15–§4.20, §6.2.</remarks>
internal static class StorageActions
{
    public static int Align(ClientContext context)
    {
        context.Output.WriteLine("align");
        return LockspaceActions.Done(context, "align", context.Client.Align(context.Lockspace().HostIdDisk).Result);
    }

    public static int Init(ClientContext context)
    {
        ClientOptions o = context.Options;
        context.Output.WriteLine("init");
        int result;
        if (o.Lockspace is not null)
        {
            SanlkLockspace lockspace = context.Lockspace() with { Flags = (LockspaceFlags)context.SizeFlags() };
            result = lockspace.HostIdDisk.Path.Length == 0
                ? -22
                : context.Client.WriteLockspace(lockspace, unchecked((uint)o.MaxHosts), unchecked((uint)o.IoTimeout)).Result;
        }
        else if (o.Resources.Count > 0 && o.Resources[0].Disks.Count > 0)
        {
            SanlkResource resource = o.Resources[0] with { Flags = o.Resources[0].Flags | (ResourceFlags)context.SizeFlags() };
            result = context.Client.WriteResource(resource, unchecked((uint)o.MaxHosts), unchecked((uint)o.NumHosts),
                o.Clear != 0 ? CommandFlags.WriteClear : 0).Result;
        }
        else
        {
            result = -22;
        }
        return LockspaceActions.Done(context, "init", result);
    }

    public static int Read(ClientContext context)
    {
        ClientOptions o = context.Options;
        if (o.Lockspace is not null)
        {
            return ReadLockspace(context);
        }
        if (o.Resources.Count > 0 && o.Resources[0].Disks.Count > 0)
        {
            return ReadResource(context, o.Resources[0]);
        }
        context.Output.WriteLine("read error -22");
        return 1;
    }

    private static int ReadLockspace(ClientContext context)
    {
        SanlkLockspace request = context.Lockspace() with { Flags = (LockspaceFlags)context.SizeFlags() };
        if (request.HostIdDisk.Path.Length == 0)
        {
            context.Output.WriteLine("read error -22");
            return 1;
        }
        SanlockReply reply = context.Client.ReadLockspace(request);
        if (reply.Result < 0 || reply.Body is not LockspaceReply read)
        {
            context.Output.WriteLine($"read error {(reply.Result < 0 ? reply.Result : -1)}");
            return 1;
        }
        SanlkLockspace ls = read.Lockspace;
        context.Output.WriteLine($"s {ls.Name}:{ls.HostId}:{SanlockPath.Export(ls.HostIdDisk.Path)}:{ls.HostIdDisk.Offset}");
        if (context.Options.Debug)
        {
            context.Output.WriteLine($"io_timeout {reply.Header.Data2}");
            PrintSizes(context, (uint)ls.Flags);
        }
        return ClientContext.ExitCode(reply.Result);
    }

    private static int ReadResource(ClientContext context, SanlkResource request)
    {
        request = request with { Flags = request.Flags | (ResourceFlags)context.SizeFlags() };
        bool owners = context.Options.Hosts != 0;
        SanlockReply reply = owners ? context.Client.ReadResourceOwners(request) : context.Client.ReadResource(request);
        SanlkResource? read = reply.Body switch
        {
            ResourceReply r => r.Resource,
            ResourceOwnersReply r => r.Resource,
            _ => null,
        };
        if (reply.Result < 0 || read is null)
        {
            context.Output.WriteLine($"read error {(reply.Result < 0 ? reply.Result : -1)}");
            return 1;
        }
        context.Output.WriteLine($"r {ResourceString.Format(read with { Disks = request.Disks })}");
        if (context.Options.Debug)
        {
            PrintSizes(context, (uint)read.Flags);
        }
        if (reply.Body is ResourceOwnersReply ownersReply)
        {
            foreach (SanlkHost host in ownersReply.Owners)
            {
                context.Output.WriteLine(host.Timestamp != 0
                    ? $"h {host.HostId} gen {host.Generation} timestamp {host.Timestamp}"
                    : $"h {host.HostId} gen {host.Generation}");
            }
        }
        return ClientContext.ExitCode(reply.Result);
    }

    private static void PrintSizes(ClientContext context, uint flags)
    {
        context.Output.WriteLine($"sector_size {ClientContext.SectorSizeOf(flags)}");
        context.Output.WriteLine($"align_size {ClientContext.AlignSizeOf(flags)}");
    }
}
