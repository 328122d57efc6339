using Sanlock.Libvirt.LockdPlugin;

namespace Sanlock.Lockd.Locking;

/// <summary>
/// The daemon's bookkeeping of which owner pid holds which lock file, keyed by the lock file path. POSIX locks belong to
/// the daemon process, so two owners inside one daemon never conflict in the kernel: this table is what keeps them
/// apart (spec §6.3). Pure: no I/O, not thread-safe (the daemon serialises calls).
/// </summary>
public sealed class LockTable<THandle>
    where THandle : class
{
    private readonly Dictionary<string, HeldLock<THandle>> _locks = new(StringComparer.Ordinal);

    public int Count => _locks.Count;

    public IEnumerable<HeldLock<THandle>> All => _locks.Values;

    public HeldLock<THandle>? Find(string lockFilePath) => _locks.GetValueOrDefault(lockFilePath);

    public LockDecision Decide(LockdResource resource, int owner)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!_locks.TryGetValue(resource.LockFilePath, out var held))
        {
            return LockDecision.TakeKernelLock;
        }

        return held.Shared && resource.Shared && !held.Owners.Contains(owner) ? LockDecision.JoinShared : LockDecision.Busy;
    }

    /// <summary>Records a lock the caller has just taken in the kernel.</summary>
    public HeldLock<THandle> Add(LockdResource resource, string diskPath, THandle handle, int owner)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (Decide(resource, owner) != LockDecision.TakeKernelLock)
        {
            throw new InvalidOperationException($"{resource.LockFilePath} is already in the lock table");
        }

        var held = new HeldLock<THandle>(resource, diskPath, handle, owner);
        _locks.Add(resource.LockFilePath, held);
        return held;
    }

    public void JoinShared(LockdResource resource, int owner)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (Decide(resource, owner) != LockDecision.JoinShared)
        {
            throw new InvalidOperationException($"{resource.LockFilePath} cannot be joined shared by {owner}");
        }

        _locks[resource.LockFilePath].AddOwner(owner);
    }

    /// <param name="lockFilePath">The resource's lock file.</param>
    /// <param name="owner">The owner pid leaving.</param>
    /// <param name="lastGone">On <see cref="ReleaseOutcome.LastOwnerGone"/>, the entry now removed from the table.</param>
    public ReleaseOutcome Release(string lockFilePath, int owner, out HeldLock<THandle>? lastGone)
    {
        lastGone = null;
        if (!_locks.TryGetValue(lockFilePath, out var held))
        {
            return ReleaseOutcome.NotLocked;
        }

        if (!held.RemoveOwner(owner))
        {
            return ReleaseOutcome.NotOwner;
        }

        if (held.Owners.Count > 0)
        {
            return ReleaseOutcome.OthersStillHold;
        }

        _locks.Remove(lockFilePath);
        lastGone = held;
        return ReleaseOutcome.LastOwnerGone;
    }

    /// <summary>Removes <paramref name="owner"/> everywhere; returns the entries nobody holds any more.</summary>
    public IReadOnlyList<HeldLock<THandle>> ReleaseAll(int owner)
    {
        var gone = new List<HeldLock<THandle>>();
        foreach (var held in _locks.Values.Where(h => h.Owners.Contains(owner)).ToList())
        {
            if (Release(held.Resource.LockFilePath, owner, out var last) == ReleaseOutcome.LastOwnerGone)
            {
                gone.Add(last!);
            }
        }

        return gone;
    }

    public IReadOnlyList<HeldLock<THandle>> HeldBy(int owner) =>
        [.. _locks.Values.Where(h => h.Owners.Contains(owner)).OrderBy(h => h.Resource.LockFilePath, StringComparer.Ordinal)];

    /// <summary>Every pid that owns at least one lock.</summary>
    public IReadOnlySet<int> OwnerPids => _locks.Values.SelectMany(h => h.Owners).ToHashSet();
}
