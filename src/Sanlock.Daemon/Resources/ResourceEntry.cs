using Sanlock.Daemon.Spaces;
using Sanlock.Leases.Paxos;
using Sanlock.Protocol.Structs;

namespace Sanlock.Daemon.Resources;

/// <summary>A resource this host holds or is acquiring/releasing, with every local holder (several when shared).</summary>
/// <remarks>Fields are guarded by the owning <see cref="ResourceManager"/>'s lock.</remarks>
public sealed class ResourceEntry
{
    public ResourceEntry(Space space, SanlkResource wire, PaxosLease lease, int resId)
    {
        Space = space;
        Wire = wire;
        Lease = lease;
        ResId = resId;
    }

    public Space Space { get; }

    /// <summary>The names and disks as the acquirer sent them (shown by STATUS and INQUIRE).</summary>
    public SanlkResource Wire { get; }

    public string Name => Wire.Name;

    public PaxosLease Lease { get; }

    public int ResId { get; }

    public ResourcePhase Phase { get; set; } = ResourcePhase.Acquiring;

    /// <summary>The on-disk hold (null while acquiring).</summary>
    public HeldLease? Held { get; set; }

    public List<Token> Holders { get; } = [];

    /// <summary>A persistent lease whose holder went away (§4.7.5).</summary>
    public Token? Orphan { get; set; }

    /// <summary>The holder being added while <see cref="Phase"/> is Acquiring (for STATUS "add").</summary>
    public Token? Pending { get; set; }

    public byte[]? Lvb { get; set; }

    public bool LvbDirty { get; set; }

    public ulong Lver => Held?.Lver ?? 0;

    /// <summary>Set by EXAMINE: check the request record at the next opportunity.</summary>
    public bool ExamineRequested { get; set; }
}
