using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.Protocol.Requests;

/// <summary>Encodes and decodes request bodies by command.</summary>
/// <remarks>sanlock-wire-protocol.md §4.1 (body per command) and §4.2–§4.32 (details).</remarks>
public static class RequestCodec
{
    public static RequestShape ShapeOf(SmCommand command) => command switch
    {
        SmCommand.Register or SmCommand.Shutdown or SmCommand.Status or SmCommand.LogDump or SmCommand.Inquire
            or SmCommand.Restrict or SmCommand.GetLockspaces or SmCommand.Version or SmCommand.ShutdownWait => RequestShape.None,
        SmCommand.AddLockspace or SmCommand.RemLockspace or SmCommand.ExamineLockspace or SmCommand.HostStatus
            or SmCommand.InqLockspace or SmCommand.WriteLockspace or SmCommand.ReadLockspace or SmCommand.GetHosts
            or SmCommand.EndEvent or SmCommand.SetConfig or SmCommand.Renewal => RequestShape.Lockspace,
        SmCommand.RegEvent or SmCommand.SetEvent => RequestShape.LockspaceEvent,
        SmCommand.Acquire => RequestShape.Acquire,
        SmCommand.Release => RequestShape.Release,
        SmCommand.ExamineResource or SmCommand.Convert or SmCommand.GetLvb => RequestShape.ResourceNoDisks,
        SmCommand.Request or SmCommand.WriteResource or SmCommand.ReadResource or SmCommand.ReadResourceOwners
            => RequestShape.ResourceWithDisks,
        SmCommand.Align => RequestShape.Disk,
        SmCommand.SetLvb => RequestShape.SetLvb,
        SmCommand.KillPath => RequestShape.KillPath,
        SmCommand.FormatRindex or SmCommand.RebuildRindex => RequestShape.Rindex,
        SmCommand.UpdateRindex or SmCommand.LookupRindex or SmCommand.CreateResource or SmCommand.DeleteResource
            => RequestShape.RindexEntry,
        _ => RequestShape.Unknown,
    };

    /// <summary>How many resources (without disks) a RELEASE body holds (§4.8).</summary>
    public static uint ReleaseResourceCount(in SmHeader header) =>
        (header.CmdFlags & CommandFlags.ReleaseAll) != 0 ? 0
        : (header.CmdFlags & CommandFlags.ReleaseRename) != 0 ? 2
        : (header.CmdFlags & CommandFlags.ReleaseOrphan) != 0 ? 1
        : header.Data;

    /// <summary>Decodes a complete body (exactly the bytes the frame reader delimited).</summary>
    public static RequestBody Decode(in SmHeader header, ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, SmHeader.Size);
        RequestBody result;
        switch (ShapeOf(header.Command))
        {
            case RequestShape.None:
                result = EmptyBody.Instance;
                break;
            case RequestShape.Lockspace:
                result = new LockspaceBody(SanlkLockspace.Read(ref reader));
                break;
            case RequestShape.LockspaceEvent:
                SanlkLockspace ls = SanlkLockspace.Read(ref reader);
                result = new LockspaceEventBody(ls, SanlkHostEvent.Read(ref reader));
                break;
            case RequestShape.Acquire:
                result = DecodeAcquire(header, ref reader);
                break;
            case RequestShape.Release:
                result = new ResourcesBody(ReadResources(ref reader, ReleaseResourceCount(header)));
                break;
            case RequestShape.ResourceNoDisks:
                result = new ResourcesBody([SanlkResource.ReadHeader(ref reader)]);
                break;
            case RequestShape.ResourceWithDisks:
                result = new ResourceWithDisksBody(SanlkResource.ReadWithDisks(ref reader));
                break;
            case RequestShape.Disk:
                result = new DiskBody(SanlkDisk.Read(ref reader));
                break;
            case RequestShape.SetLvb:
                SanlkResource res = SanlkResource.ReadHeader(ref reader);
                if (reader.Remaining > ProtocolLimits.MaxLvb)
                {
                    ProtocolThrow.OverCap("SET_LVB lvb length", reader.Remaining, ProtocolLimits.MaxLvb);
                }
                result = new SetLvbBody(res, reader.ReadBytes(reader.Remaining, "lvb").ToArray());
                break;
            case RequestShape.KillPath:
                result = new KillPathBody(KillPath.Read(ref reader));
                break;
            case RequestShape.Rindex:
                result = new RindexBody(SanlkRindex.Read(ref reader));
                break;
            case RequestShape.RindexEntry:
                SanlkRindex rx = SanlkRindex.Read(ref reader);
                result = new RindexEntryBody(rx, SanlkRentry.Read(ref reader));
                break;
            default:
                throw new SanlockProtocolException($"command {(uint)header.Command} is not a sanlock request");
        }
        reader.EnsureEnd($"{header.Command} body");
        return result;
    }

    public static int GetEncodedLength(RequestBody body) => body switch
    {
        EmptyBody => 0,
        LockspaceBody => SanlkLockspace.Size,
        LockspaceEventBody => SanlkLockspace.Size + SanlkHostEvent.Size,
        AcquireBody a => a.Resources.Sum(r => r.EncodedLengthWithDisks) + SanlkOptions.Size,
        ResourcesBody r => r.Resources.Count * SanlkResource.Size,
        ResourceWithDisksBody r => r.Resource.EncodedLengthWithDisks,
        DiskBody => SanlkDisk.Size,
        SetLvbBody l => SanlkResource.Size + l.Lvb.Length,
        KillPathBody => KillPath.Size,
        RindexBody => SanlkRindex.Size,
        RindexEntryBody => SanlkRindex.Size + SanlkRentry.Size,
        _ => throw new ArgumentException($"unknown request body {body.GetType().Name}", nameof(body)),
    };

    public static void Encode(RequestBody body, Span<byte> destination)
    {
        var writer = new WireWriter(destination);
        switch (body)
        {
            case EmptyBody:
                break;
            case LockspaceBody l:
                l.Lockspace.Write(ref writer);
                break;
            case LockspaceEventBody e:
                e.Lockspace.Write(ref writer);
                e.Event.Write(ref writer);
                break;
            case AcquireBody a:
                foreach (SanlkResource r in a.Resources)
                {
                    r.WriteWithDisks(ref writer);
                }
                a.Options.Write(ref writer);
                break;
            case ResourcesBody rs:
                foreach (SanlkResource r in rs.Resources)
                {
                    r.WriteHeader(ref writer);
                }
                break;
            case ResourceWithDisksBody rd:
                rd.Resource.WriteWithDisks(ref writer);
                break;
            case DiskBody d:
                d.Disk.Write(ref writer);
                break;
            case SetLvbBody lvb:
                lvb.Resource.WriteHeader(ref writer);
                writer.WriteBytes(lvb.Lvb.Span);
                break;
            case KillPathBody k:
                k.KillPath.Write(ref writer);
                break;
            case RindexBody rx:
                rx.Rindex.Write(ref writer);
                break;
            case RindexEntryBody re:
                re.Rindex.Write(ref writer);
                re.Entry.Write(ref writer);
                break;
            default:
                throw new ArgumentException($"unknown request body {body.GetType().Name}", nameof(body));
        }
    }

    /// <summary>A whole request message (header + body) with header.length = 32 + body.</summary>
    public static byte[] BuildMessage(SmCommand command, RequestBody body, uint cmdFlags = 0, uint data = 0, uint data2 = 0)
    {
        int bodyLength = GetEncodedLength(body);
        var message = new byte[SmHeader.Size + bodyLength];
        SmHeader.ForRequest(command, bodyLength, cmdFlags, data, data2).Write(message);
        Encode(body, message.AsSpan(SmHeader.Size));
        return message;
    }

    private static AcquireBody DecodeAcquire(in SmHeader header, ref WireReader reader)
    {
        if (header.Data > ProtocolLimits.MaxResources)
        {
            ProtocolThrow.OverCap("ACQUIRE resource count (header.data)", header.Data, ProtocolLimits.MaxResources);
        }
        var resources = new SanlkResource[header.Data];
        for (int i = 0; i < resources.Length; i++)
        {
            resources[i] = SanlkResource.ReadWithDisks(ref reader);
        }
        return new AcquireBody(resources, SanlkOptions.Read(ref reader));
    }

    private static SanlkResource[] ReadResources(ref WireReader reader, uint count)
    {
        if (count > ProtocolLimits.MaxResources)
        {
            ProtocolThrow.OverCap("resource count (header.data)", count, ProtocolLimits.MaxResources);
        }
        var resources = new SanlkResource[count];
        for (int i = 0; i < resources.Length; i++)
        {
            resources[i] = SanlkResource.ReadHeader(ref reader);
        }
        return resources;
    }
}
