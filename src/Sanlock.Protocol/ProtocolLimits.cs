namespace Sanlock.Protocol;

/// <summary>Upper bounds checked before any buffer is sized from a length or count taken off the wire.</summary>
/// <remarks>sanlock-wire-protocol.md §4 (per-command limits) and §7. Values marked UNCONFIRMED in the comments are
/// our own safety caps where 3.8.5 has no explicit limit.</remarks>
public static class ProtocolLimits
{
    /// <summary>Resources in one ACQUIRE (§4.7.2: more ⇒ −E2BIG).</summary>
    public const int MaxResources = 8;

    /// <summary>Disks per resource (§4.7.2: 0 or more ⇒ −ERANGE).</summary>
    public const int MaxDisks = 4;

    /// <summary>Largest LVB (§4.29: larger ⇒ −E2BIG).</summary>
    public const int MaxLvb = 4096;

    /// <summary>LOG_DUMP payload (§4.26: at most 1 MiB).</summary>
    public const int MaxLogDump = 1024 * 1024;

    /// <summary>The daemon's GET_LOCKSPACES / GET_HOSTS reply buffer (§4.21, §4.22: 1 MiB).</summary>
    public const int MaxGetReply = 1024 * 1024;

    /// <summary>Hosts per lockspace (§4.30: host_id ≤ 2000); bounds READ_RESOURCE_OWNERS.</summary>
    public const int MaxHosts = 2000;

    /// <summary>Text of one STATUS record (UNCONFIRMED cap: 3.8.5 texts are a few hundred bytes).</summary>
    public const int MaxStateText = 4096;

    /// <summary>INQUIRE state string incl. NUL (UNCONFIRMED cap; 3.8.5 bounds each resource string at 4399).</summary>
    public const int MaxInquireState = 1024 * 1024;

    /// <summary>Everything a client accepts from a read-until-EOF reply (STATUS, HOST_STATUS, RENEWAL) (UNCONFIRMED cap).</summary>
    public const int MaxRecordStream = 64 * 1024 * 1024;

    /// <summary>Kill path and its argument string: 128-byte fields (§3.9).</summary>
    public const int KillPathField = 128;
}
