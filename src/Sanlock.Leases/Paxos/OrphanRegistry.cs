namespace Sanlock.Leases.Paxos;

/// <summary>
/// Persistent leases whose process went away (§7.10): still held on disk by this host, kept in memory so a
/// later acquire with the ORPHAN flag adopts them without I/O. A plain acquire of one fails −EUCLEAN.
/// </summary>
public sealed class OrphanRegistry
{
    private readonly Dictionary<(string Space, string Resource), HeldLease> _orphans = [];

    public int Count => _orphans.Count;

    public void Add(string space, string resource, HeldLease held) => _orphans[(space, resource)] = held;

    public bool Contains(string space, string resource) => _orphans.ContainsKey((space, resource));

    /// <summary>Adopts an orphan held in the same mode (EX orphans only for EX requests, SH for SH).</summary>
    public bool TryAdopt(string space, string resource, LeaseMode mode, out HeldLease? held)
    {
        if (_orphans.TryGetValue((space, resource), out var orphan) && orphan.Mode == mode)
        {
            _orphans.Remove((space, resource));
            held = orphan;
            return true;
        }

        held = null;
        return false;
    }

    /// <summary>Removes an orphan so the caller can release it on disk.</summary>
    public bool TryTake(string space, string resource, out HeldLease? held)
    {
        bool found = _orphans.Remove((space, resource), out var orphan);
        held = orphan;
        return found;
    }
}
