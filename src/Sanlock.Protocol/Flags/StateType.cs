namespace Sanlock.Protocol.Flags;

/// <summary><c>sanlk_state.type</c> of a STATUS / HOST_STATUS / RENEWAL record. Frozen: append, never edit.</summary>
/// <remarks>sanlock-wire-protocol.md §3.7.</remarks>
public enum StateType : uint
{
    None = 0,
    Daemon = 1,
    Client = 2,
    Lockspace = 3,
    Resource = 4,
    Host = 5,
    Renewal = 6,
}
