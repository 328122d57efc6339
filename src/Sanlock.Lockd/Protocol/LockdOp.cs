namespace Sanlock.Lockd.Protocol;

/// <summary>Request codes of our lockd protocol (PROTOCOL.md). Persisted on the wire: append, never renumber.</summary>
public enum LockdOp : byte
{
    Register = 1,
    Acquire = 2,
    Release = 3,
    Inquire = 4,
}
