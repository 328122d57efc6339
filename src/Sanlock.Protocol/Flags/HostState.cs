namespace Sanlock.Protocol.Flags;

/// <summary>Host state in the low 4 bits of <c>sanlk_host.flags</c> (GET_HOSTS). Frozen: append, never edit.</summary>
/// <remarks>sanlock-wire-protocol.md §3.10.</remarks>
public enum HostState : uint
{
    None = 0,
    Unknown = 1,
    Free = 2,
    Live = 3,
    Fail = 4,
    Dead = 5,
}
