using Sanlock.Protocol.Structs;

namespace Sanlock.Protocol.Replies;

/// <summary>The decoded payload that follows a reply header; which kind depends on the request's command
/// (sanlock-wire-protocol.md §4.1 "Reply").</summary>
public abstract record ReplyBody;

/// <summary>Header only.</summary>
public sealed record EmptyReply : ReplyBody
{
    public static EmptyReply Instance { get; } = new();
}

/// <summary>One STATUS / HOST_STATUS / RENEWAL record: the state, and for lockspace records the
/// <c>sanlk_lockspace</c>, for resource records the <c>sanlk_resource</c> with its disks (§4.23).</summary>
public sealed record StateRecord(SanlkState State, SanlkLockspace? Lockspace = null, SanlkResource? Resource = null);

/// <summary>STATUS, HOST_STATUS, RENEWAL: records until the daemon closes the connection.</summary>
public sealed record StateRecordsReply(IReadOnlyList<StateRecord> Records) : ReplyBody;

/// <summary>LOG_DUMP (data = byte count, no NUL) and GET_LVB (length − 32 bytes): raw bytes.</summary>
public sealed record BytesReply(ReadOnlyMemory<byte> Bytes) : ReplyBody;

/// <summary>INQUIRE: the state string (§6.1) when a payload came (NUL-terminated on the wire), else null.
/// <see cref="PayloadLength"/> keeps the payload size (a lone NUL on string-building errors, §4.9).</summary>
public sealed record InquireReply(string? State, int PayloadLength) : ReplyBody;

/// <summary>READ_LOCKSPACE: the lockspace (always sent, even on error).</summary>
public sealed record LockspaceReply(SanlkLockspace Lockspace) : ReplyBody;

/// <summary>READ_RESOURCE: the resource (no disks).</summary>
public sealed record ResourceReply(SanlkResource Resource) : ReplyBody;

/// <summary>READ_RESOURCE_OWNERS: the resource and data2 × owner hosts.</summary>
public sealed record ResourceOwnersReply(SanlkResource? Resource, IReadOnlyList<SanlkHost> Owners) : ReplyBody;

/// <summary>GET_LOCKSPACES: data2 × lockspace.</summary>
public sealed record LockspacesReply(IReadOnlyList<SanlkLockspace> Lockspaces) : ReplyBody;

/// <summary>GET_HOSTS: data2 × host.</summary>
public sealed record HostsReply(IReadOnlyList<SanlkHost> Hosts) : ReplyBody;

/// <summary>UPDATE/LOOKUP_RINDEX, CREATE/DELETE_RESOURCE: one rentry (always sent).</summary>
public sealed record RentryReply(SanlkRentry Entry) : ReplyBody;
