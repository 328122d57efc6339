using System.Text;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.Protocol.Replies;

/// <summary>Sizes, decodes and encodes reply payloads by the command of the request they answer.</summary>
/// <remarks>sanlock-wire-protocol.md §2.4 (header deviations) and §4 (payload per command). All payload sizes taken
/// from a reply header are checked against <see cref="ProtocolLimits"/> before a buffer is sized from them.</remarks>
public static class ReplyCodec
{
    /// <summary>Marks a reply read until the daemon closes the connection (STATUS, HOST_STATUS, RENEWAL).</summary>
    public const int UntilEof = -1;

    /// <summary>Payload byte count that follows <paramref name="reply"/>, or <see cref="UntilEof"/>.
    /// Throws a <see cref="SanlockProtocolException"/> for a size beyond the command's cap.</summary>
    public static int GetPayloadLength(SmCommand requestCommand, in SmHeader reply)
    {
        long fromLength = (long)reply.Length - SmHeader.Size;
        switch (requestCommand)
        {
            case SmCommand.Status or SmCommand.HostStatus or SmCommand.Renewal:
                return UntilEof;
            case SmCommand.LogDump:
                return reply.Result <= 0 ? 0 : Checked("LOG_DUMP size (data)", reply.Result, ProtocolLimits.MaxLogDump);
            case SmCommand.Inquire:
                return Checked("INQUIRE length", fromLength, ProtocolLimits.MaxInquireState);
            case SmCommand.GetLvb:
                return Checked("GET_LVB length", fromLength, ProtocolLimits.MaxLvb);
            case SmCommand.ReadLockspace:
                return Exactly("READ_LOCKSPACE length", fromLength, SanlkLockspace.Size, allowEmpty: true);
            case SmCommand.ReadResource:
                return Exactly("READ_RESOURCE length", fromLength, SanlkResource.Size, allowEmpty: true);
            case SmCommand.ReadResourceOwners:
                if (fromLength == 0)
                {
                    return 0;
                }
                Checked("READ_RESOURCE_OWNERS count (data2)", reply.Data2, ProtocolLimits.MaxHosts);
                return Exactly("READ_RESOURCE_OWNERS length", fromLength, SanlkResource.Size + ((int)reply.Data2 * SanlkHost.Size), allowEmpty: false);
            case SmCommand.GetLockspaces:
                Checked("GET_LOCKSPACES count (data2)", reply.Data2, ProtocolLimits.MaxGetReply / SanlkLockspace.Size);
                return Exactly("GET_LOCKSPACES length", fromLength, (int)reply.Data2 * SanlkLockspace.Size, allowEmpty: true);
            case SmCommand.GetHosts:
                Checked("GET_HOSTS count (data2)", reply.Data2, ProtocolLimits.MaxGetReply / SanlkHost.Size);
                return Exactly("GET_HOSTS length", fromLength, (int)reply.Data2 * SanlkHost.Size, allowEmpty: true);
            case SmCommand.UpdateRindex or SmCommand.LookupRindex or SmCommand.CreateResource or SmCommand.DeleteResource:
                return Exactly("rindex reply length", fromLength, SanlkRentry.Size, allowEmpty: true);
            default:
                return 0;
        }
    }

    /// <summary>Decodes the payload of a reply to <paramref name="requestCommand"/>.</summary>
    public static ReplyBody DecodePayload(SmCommand requestCommand, in SmHeader reply, ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty && requestCommand is not (SmCommand.Status or SmCommand.HostStatus or SmCommand.Renewal))
        {
            return requestCommand == SmCommand.Inquire ? new InquireReply(null, 0) : EmptyReply.Instance;
        }
        var reader = new WireReader(payload, SmHeader.Size);
        ReplyBody body;
        switch (requestCommand)
        {
            case SmCommand.Status or SmCommand.HostStatus or SmCommand.Renewal:
                body = new StateRecordsReply(ReadStateRecords(ref reader));
                break;
            case SmCommand.LogDump or SmCommand.GetLvb:
                body = new BytesReply(reader.ReadBytes(reader.Remaining, "payload").ToArray());
                break;
            case SmCommand.Inquire:
                body = new InquireReply(WireReader.DecodeText(reader.ReadBytes(reader.Remaining, "inquire state"), "inquire state", SmHeader.Size), payload.Length);
                break;
            case SmCommand.ReadLockspace:
                body = new LockspaceReply(SanlkLockspace.Read(ref reader));
                break;
            case SmCommand.ReadResource:
                body = new ResourceReply(SanlkResource.ReadHeader(ref reader));
                break;
            case SmCommand.ReadResourceOwners:
                SanlkResource res = SanlkResource.ReadHeader(ref reader);
                body = new ResourceOwnersReply(res, ReadHosts(ref reader, reader.Remaining / SanlkHost.Size));
                break;
            case SmCommand.GetLockspaces:
                var spaces = new SanlkLockspace[payload.Length / SanlkLockspace.Size];
                for (int i = 0; i < spaces.Length; i++)
                {
                    spaces[i] = SanlkLockspace.Read(ref reader);
                }
                body = new LockspacesReply(spaces);
                break;
            case SmCommand.GetHosts:
                body = new HostsReply(ReadHosts(ref reader, payload.Length / SanlkHost.Size));
                break;
            case SmCommand.UpdateRindex or SmCommand.LookupRindex or SmCommand.CreateResource or SmCommand.DeleteResource:
                body = new RentryReply(SanlkRentry.Read(ref reader));
                break;
            default:
                ProtocolThrow.Invalid($"{requestCommand} reply", SmHeader.Size, $"{payload.Length} unexpected payload bytes");
                return EmptyReply.Instance;
        }
        reader.EnsureEnd($"{requestCommand} reply");
        return body;
    }

    public static int GetEncodedLength(ReplyBody body) => body switch
    {
        EmptyReply => 0,
        StateRecordsReply s => s.Records.Sum(EncodedLength),
        BytesReply b => b.Bytes.Length,
        InquireReply i => i.PayloadLength,
        LockspaceReply => SanlkLockspace.Size,
        ResourceReply => SanlkResource.Size,
        ResourceOwnersReply o => (o.Resource is null ? 0 : SanlkResource.Size) + (o.Owners.Count * SanlkHost.Size),
        LockspacesReply l => l.Lockspaces.Count * SanlkLockspace.Size,
        HostsReply h => h.Hosts.Count * SanlkHost.Size,
        RentryReply => SanlkRentry.Size,
        _ => throw new ArgumentException($"unknown reply body {body.GetType().Name}", nameof(body)),
    };

    public static void EncodePayload(ReplyBody body, Span<byte> destination)
    {
        var writer = new WireWriter(destination);
        switch (body)
        {
            case EmptyReply:
                break;
            case StateRecordsReply s:
                foreach (StateRecord record in s.Records)
                {
                    record.State.Write(ref writer);
                    record.Lockspace?.Write(ref writer);
                    record.Resource?.WriteWithDisks(ref writer);
                }
                break;
            case BytesReply b:
                writer.WriteBytes(b.Bytes.Span);
                break;
            case InquireReply i:
                writer.WriteFixedString(i.State ?? string.Empty, i.PayloadLength, "inquire state");
                break;
            case LockspaceReply l:
                l.Lockspace.Write(ref writer);
                break;
            case ResourceReply r:
                r.Resource.WriteHeader(ref writer);
                break;
            case ResourceOwnersReply o:
                o.Resource?.WriteHeader(ref writer);
                foreach (SanlkHost host in o.Owners)
                {
                    host.Write(ref writer);
                }
                break;
            case LockspacesReply ls:
                foreach (SanlkLockspace space in ls.Lockspaces)
                {
                    space.Write(ref writer);
                }
                break;
            case HostsReply h:
                foreach (SanlkHost host in h.Hosts)
                {
                    host.Write(ref writer);
                }
                break;
            case RentryReply e:
                e.Entry.Write(ref writer);
                break;
            default:
                throw new ArgumentException($"unknown reply body {body.GetType().Name}", nameof(body));
        }
    }

    /// <summary>An INQUIRE payload for <paramref name="state"/> (the string + one NUL), or none for null.</summary>
    public static InquireReply InquireOf(string? state) =>
        new(state, state is null ? 0 : Encoding.UTF8.GetByteCount(state) + 1);

    private static int EncodedLength(StateRecord record) =>
        record.State.EncodedLength
        + (record.Lockspace is null ? 0 : SanlkLockspace.Size)
        + (record.Resource?.EncodedLengthWithDisks ?? 0);

    private static List<StateRecord> ReadStateRecords(ref WireReader reader)
    {
        var records = new List<StateRecord>();
        while (reader.Remaining > 0)
        {
            SanlkState state = SanlkState.Read(ref reader);
            switch (state.Type)
            {
                case StateType.Lockspace:
                    records.Add(new StateRecord(state, Lockspace: SanlkLockspace.Read(ref reader)));
                    break;
                case StateType.Resource:
                    records.Add(new StateRecord(state, Resource: SanlkResource.ReadWithDisks(ref reader)));
                    break;
                default:
                    records.Add(new StateRecord(state));
                    break;
            }
        }
        return records;
    }

    private static SanlkHost[] ReadHosts(ref WireReader reader, int count)
    {
        var hosts = new SanlkHost[count];
        for (int i = 0; i < hosts.Length; i++)
        {
            hosts[i] = SanlkHost.Read(ref reader);
        }
        return hosts;
    }

    private static int Checked(string field, long value, long cap)
    {
        if (value < 0 || value > cap)
        {
            ProtocolThrow.OverCap(field, value, cap);
        }
        return (int)value;
    }

    private static int Exactly(string field, long value, int expected, bool allowEmpty)
    {
        if (value != expected && !(allowEmpty && value == 0))
        {
            throw new SanlockProtocolException($"{field} is {value} payload bytes, expected {expected}");
        }
        return (int)value;
    }
}
