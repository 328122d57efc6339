using System.Collections.Immutable;

namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>
/// A sanlock resource as the lock-state string describes it (spec libvirt §4.4, wire §6.1): lockspace, name, its
/// disk areas, and either shared mode or the lease version (<c>null</c> = no version given).
/// </summary>
public sealed record SanlockResourceSpec(
    string Lockspace, string Name, ImmutableArray<SanlockDiskSpec> Disks, bool Shared = false, ulong? Lver = null)
{
    public bool Equals(SanlockResourceSpec? other) =>
        other is not null && Lockspace == other.Lockspace && Name == other.Name && Disks.SequenceEqual(other.Disks)
        && Shared == other.Shared && Lver == other.Lver;

    public override int GetHashCode() => HashCode.Combine(Lockspace, Name, Disks.Length, Shared, Lver);

    /// <summary>The resource string sanlock prints for it (<see cref="SanlockLockState.FormatResource"/>).</summary>
    public override string ToString() => SanlockLockState.FormatResource(this);
}
