namespace Sanlock.Protocol.Flags;

/// <summary>Values of <c>header.cmd_flags</c> per command. Frozen: append, never edit.</summary>
/// <remarks>sanlock-wire-protocol.md §3.10 "Command flags".</remarks>
public static class CommandFlags
{
    public const uint AddAsync = 0x1;

    public const uint RemAsync = 0x1;
    public const uint RemUnused = 0x2;

    public const uint InqWait = 0x1;

    public const uint AcquireLvb = 0x1;
    public const uint AcquireOrphan = 0x2;
    public const uint AcquireOrphanOnly = 0x4;
    public const uint AcquireOwnerNowait = 0x8;

    public const uint ReleaseAll = 0x1;
    public const uint ReleaseRename = 0x2;
    public const uint ReleaseOrphan = 0x4;

    public const uint ConvertOwnerNowait = 0x8;

    public const uint RequestNextLver = 0x1;

    public const uint RestrictAll = 0x1;
    public const uint RestrictSigkill = 0x2;
    public const uint RestrictSigterm = 0x4;

    public const uint KillPathPid = 0x1;

    public const uint WriteClear = 0x1;

    public const uint SetEventCurGeneration = 0x1;
    public const uint SetEventClearHostId = 0x2;
    public const uint SetEventClearEvent = 0x4;
    public const uint SetEventReplaceEvent = 0x8;
    public const uint SetEventAllHosts = 0x10;

    public const uint RindexNoLockspace = 0x1;
    public const uint RindexUpdateAdd = 0x10000;
    public const uint RindexUpdateRem = 0x20000;
}
