namespace Sanlock.Protocol.Requests;

/// <summary>How the daemon determines a request's body size (§1.2: by command, never by header.length, except
/// SET_LVB).</summary>
public enum RequestShape
{
    /// <summary>Not a command a client may send: the daemon ignores the message.</summary>
    Unknown,
    None,
    Lockspace,
    LockspaceEvent,
    Acquire,
    Release,
    ResourceNoDisks,
    ResourceWithDisks,
    Disk,
    SetLvb,
    KillPath,
    Rindex,
    RindexEntry,
}
