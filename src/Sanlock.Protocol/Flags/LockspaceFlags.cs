namespace Sanlock.Protocol.Flags;

/// <summary><c>sanlk_lockspace.flags</c> (SANLK_LSF_*, plus the shared ALIGN/SECTOR bits). Frozen: append, never edit.</summary>
/// <remarks>sanlock-wire-protocol.md §3.10.</remarks>
[Flags]
public enum LockspaceFlags : uint
{
    None = 0,
    Add = 0x1,
    Rem = 0x2,
    Align1M = 0x10,
    Align2M = 0x20,
    Align4M = 0x40,
    Align8M = 0x80,
    Sector512 = 0x100,
    Sector4K = 0x200,
}
