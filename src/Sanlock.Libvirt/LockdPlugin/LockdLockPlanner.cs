using System.Collections.Immutable;

namespace Sanlock.Libvirt.LockdPlugin;

/// <summary>
/// Decides which fcntl locks a VM holds under lockd (spec §6.2): in automatic mode every writable disk (exclusive)
/// and shareable disk (shared), never read-only ones; <c>&lt;lease&gt;</c>s always, exclusive, offset 0 only.
/// Unlike sanlock there is no limit on the number of resources or on name lengths.
/// </summary>
public sealed class LockdLockPlanner
{
    private readonly QemuLockdConfig _config;
    private readonly LockdDiskNamer _namer;

    public LockdLockPlanner(QemuLockdConfig config, LockdDiskNamer namer)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(namer);
        _config = config;
        _namer = namer;
    }

    /// <exception cref="LibvirtException">a lease with a non-zero offset, or a disk that cannot be named.</exception>
    public LockdLockPlan Plan(IEnumerable<OfferedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var resources = ImmutableArray.CreateBuilder<LockdResource>();
        bool sawReadWriteDisk = false;
        foreach (OfferedItem item in items)
        {
            switch (item)
            {
                case OfferedLease lease:
                    resources.Add(LeaseResource(lease));
                    break;
                case OfferedDisk { ReadOnly: true }:
                    break;
                case OfferedDisk disk when !_config.AutoDiskLeases:
                    sawReadWriteDisk |= !disk.Shared;
                    break;
                case OfferedDisk disk:
                    resources.Add(_namer.Name(disk.Path, disk.Shared));
                    break;
                default:
                    throw new ArgumentException($"unknown offered item {item}", nameof(items));
            }
        }

        return new LockdLockPlan(resources.ToImmutable(), sawReadWriteDisk, _config.RequireLeaseForDisks);
    }

    private static LockdResource LeaseResource(OfferedLease lease)
    {
        if (lease.Offset != 0)
        {
            throw new LibvirtException(LibvirtErrorCode.InternalError, "Offset must be zero for this lock manager");
        }

        return new LockdResource(
            $"{lease.Path}/{lease.Lockspace}", lease.Key, Shared: false, AutoCreate: false, LockdNamingScheme.Lease);
    }
}
