namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>
/// One resource a VM will hold. <paramref name="AutoLeaseFile"/> is set for automatic disk leases: the lease file
/// that must exist (created 0600 and formatted on first use, spec §4.3) before the resource can be acquired.
/// </summary>
public sealed record PlannedSanlockLease(SanlockResourceSpec Resource, string? AutoLeaseFile);
