using System.Collections.Immutable;

namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>What the sanlock plugin would acquire for a set of offered items, in the order they were offered.</summary>
public sealed record SanlockLeasePlan(
    ImmutableArray<PlannedSanlockLease> Leases, bool SawReadWriteDisk, bool RequireLeaseForDisks)
{
    public bool Equals(SanlockLeasePlan? other) =>
        other is not null && Leases.SequenceEqual(other.Leases) && SawReadWriteDisk == other.SawReadWriteDisk
        && RequireLeaseForDisks == other.RequireLeaseForDisks;

    public override int GetHashCode() => HashCode.Combine(Leases.Length, SawReadWriteDisk, RequireLeaseForDisks);

    public IEnumerable<SanlockResourceSpec> Resources => Leases.Select(l => l.Resource);

    /// <summary>The check libvirt makes at every acquire, before talking to sanlock (spec §4.2).</summary>
    /// <exception cref="LibvirtException"><c>unsupported configuration: Read/write, exclusive access, …</c>.</exception>
    public void EnsureAcquirable() => RequireLeaseCheck.Ensure(Leases.Length, SawReadWriteDisk, RequireLeaseForDisks);
}
