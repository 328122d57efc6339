using System.Collections.Immutable;

namespace Sanlock.Libvirt.LockdPlugin;

/// <summary>What the lockd plugin would lock for a set of offered items, in offer order.</summary>
public sealed record LockdLockPlan(ImmutableArray<LockdResource> Resources, bool SawReadWriteDisk, bool RequireLeaseForDisks)
{
    public bool Equals(LockdLockPlan? other) =>
        other is not null && Resources.SequenceEqual(other.Resources) && SawReadWriteDisk == other.SawReadWriteDisk
        && RequireLeaseForDisks == other.RequireLeaseForDisks;

    public override int GetHashCode() => HashCode.Combine(Resources.Length, SawReadWriteDisk, RequireLeaseForDisks);

    /// <exception cref="LibvirtException"><c>unsupported configuration: Read/write, exclusive access, …</c>.</exception>
    public void EnsureAcquirable() => RequireLeaseCheck.Ensure(Resources.Length, SawReadWriteDisk, RequireLeaseForDisks);
}
