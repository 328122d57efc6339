using Sanlock.Protocol.Structs;

namespace Sanlock.Protocol.Requests;

/// <summary>The decoded body of a client request; which kind a command carries is fixed by
/// <see cref="RequestCodec"/> (sanlock-wire-protocol.md §4.1 "Request body").</summary>
public abstract record RequestBody;

/// <summary>No body (REGISTER, SHUTDOWN, STATUS, LOG_DUMP, INQUIRE, RESTRICT, GET_LOCKSPACES, VERSION,
/// SHUTDOWN_WAIT, RELEASE with REL_ALL).</summary>
public sealed record EmptyBody : RequestBody
{
    public static EmptyBody Instance { get; } = new();
}

/// <summary>One <c>sanlk_lockspace</c> (add/rem/inq lockspace, examine lockspace, host_status, write/read lockspace,
/// get_hosts, end_event, set_config, renewal).</summary>
public sealed record LockspaceBody(SanlkLockspace Lockspace) : RequestBody;

/// <summary><c>sanlk_lockspace</c> + <c>sanlk_host_event</c> (REG_EVENT, SET_EVENT).</summary>
public sealed record LockspaceEventBody(SanlkLockspace Lockspace, SanlkHostEvent Event) : RequestBody;

/// <summary>ACQUIRE: n × (resource + its disks), then the options (§4.7.1).</summary>
public sealed record AcquireBody(IReadOnlyList<SanlkResource> Resources, SanlkOptions Options) : RequestBody;

/// <summary>Resources without disks (RELEASE, CONVERT, EXAMINE_RESOURCE, GET_LVB).</summary>
public sealed record ResourcesBody(IReadOnlyList<SanlkResource> Resources) : RequestBody;

/// <summary>One resource with its disks (REQUEST, WRITE_RESOURCE, READ_RESOURCE, READ_RESOURCE_OWNERS).</summary>
public sealed record ResourceWithDisksBody(SanlkResource Resource) : RequestBody;

/// <summary>One <c>sanlk_disk</c> (ALIGN).</summary>
public sealed record DiskBody(SanlkDisk Disk) : RequestBody;

/// <summary>SET_LVB: a resource without disks followed by the LVB bytes (length − 160 of them, §4.29).</summary>
public sealed record SetLvbBody(SanlkResource Resource, ReadOnlyMemory<byte> Lvb) : RequestBody;

/// <summary>KILLPATH: path[128] + args[128].</summary>
public sealed record KillPathBody(KillPath KillPath) : RequestBody;

/// <summary>FORMAT_RINDEX, REBUILD_RINDEX: one <c>sanlk_rindex</c>.</summary>
public sealed record RindexBody(SanlkRindex Rindex) : RequestBody;

/// <summary>UPDATE/LOOKUP_RINDEX, CREATE/DELETE_RESOURCE: <c>sanlk_rindex</c> + <c>sanlk_rentry</c>.</summary>
public sealed record RindexEntryBody(SanlkRindex Rindex, SanlkRentry Entry) : RequestBody;
