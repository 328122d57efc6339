namespace Sanlock.Protocol.Flags;

/// <summary>Values carried in <c>header.data</c> of some requests. Frozen: append, never edit.</summary>
/// <remarks>sanlock-wire-protocol.md §3.10 "Values in header.data".</remarks>
public static class HeaderData
{
    public const uint StatusAll = 0;
    public const uint StatusDaemon = 1;
    public const uint StatusClients = 2;
    public const uint StatusLockspaces = 3;

    public const uint RequestForceNone = 0;
    public const uint RequestForce = 1;
    public const uint RequestGraceful = 2;

    public const uint ConfigUsed = 1;
    public const uint ConfigUnused = 2;
    public const uint ConfigUsedByOrphans = 4;
    public const uint ConfigUnusedByOrphans = 8;
}
