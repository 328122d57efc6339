namespace Sanlock.Protocol.Flags;

/// <summary><c>sanlk_resource.flags</c> (SANLK_RES_*). Frozen: append, never edit.</summary>
/// <remarks>sanlock-wire-protocol.md §3.10. Also used by <c>sanlk_lockspace.flags</c> and <c>sanlk_rindex.flags</c>
/// for the ALIGN/SECTOR bits.</remarks>
[Flags]
public enum ResourceFlags : uint
{
    None = 0,
    Lver = 0x1,
    NumHosts = 0x2,
    Shared = 0x4,
    Persistent = 0x8,
    Align1M = 0x10,
    Align2M = 0x20,
    Align4M = 0x40,
    Align8M = 0x80,
    Sector512 = 0x100,
    Sector4K = 0x200,
}
