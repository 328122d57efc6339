using System.Collections.Immutable;
using System.Text;

namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>
/// Decides which sanlock resources a VM holds (spec libvirt §4.1): explicit leases always, exclusive; in automatic
/// mode a lease per writable disk (exclusive) or shareable disk (shared); read-only disks never. At most
/// <see cref="MaxResources"/> per VM, and once that many are collected any further item fails, even one that
/// would have been skipped, as libvirt 9.0.0 does.
/// </summary>
public sealed class SanlockLeasePlanner
{
    /// <summary>sanlock's per-call resource limit.</summary>
    public const int MaxResources = 8;

    /// <summary>Names must be shorter than this many bytes.</summary>
    public const int NameLimitBytes = 48;

    /// <summary>Lease paths must be shorter than this many bytes.</summary>
    public const int PathLimitBytes = 1024;

    private readonly QemuSanlockConfig _config;

    public SanlockLeasePlanner(QemuSanlockConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
    }

    /// <exception cref="LibvirtException">more than eight resources, or a name or path too long for sanlock.</exception>
    public SanlockLeasePlan Plan(IEnumerable<OfferedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var leases = ImmutableArray.CreateBuilder<PlannedSanlockLease>();
        bool sawReadWriteDisk = false;
        foreach (OfferedItem item in items)
        {
            if (leases.Count == MaxResources)
            {
                throw new LibvirtException(
                    LibvirtErrorCode.InternalError, $"Too many resources {MaxResources} for object");
            }

            switch (item)
            {
                case OfferedLease lease:
                    leases.Add(new PlannedSanlockLease(ExplicitLease(lease), AutoLeaseFile: null));
                    break;
                case OfferedDisk { ReadOnly: true }:
                    break;
                case OfferedDisk disk when !_config.AutoDiskLeases:
                    sawReadWriteDisk |= !disk.Shared;
                    break;
                case OfferedDisk disk:
                    leases.Add(AutomaticLease(disk));
                    break;
                default:
                    throw new ArgumentException($"unknown offered item {item}", nameof(items));
            }
        }

        return new SanlockLeasePlan(leases.ToImmutable(), sawReadWriteDisk, _config.RequireLeaseForDisks);
    }

    private static SanlockResourceSpec ExplicitLease(OfferedLease lease)
    {
        CheckName(lease.Key, "Resource name");
        CheckName(lease.Lockspace, "Resource lockspace");
        CheckPath(lease.Path);
        return new SanlockResourceSpec(lease.Lockspace, lease.Key, [new SanlockDiskSpec(lease.Path, lease.Offset)]);
    }

    private PlannedSanlockLease AutomaticLease(OfferedDisk disk)
    {
        string name = Naming.DiskLeaseNames.SanlockResourceName(disk.Path);
        string file = Naming.DiskLeaseNames.SanlockLeaseFilePath(_config.DiskLeaseDir, disk.Path);
        CheckPath(file);
        var resource = new SanlockResourceSpec(
            LibvirtDisksLockspace.Name, name, [new SanlockDiskSpec(file, 0)], Shared: disk.Shared);
        return new PlannedSanlockLease(resource, file);
    }

    private static void CheckName(string name, string what)
    {
        if (Encoding.UTF8.GetByteCount(name) >= NameLimitBytes)
        {
            throw new LibvirtException(
                LibvirtErrorCode.InternalError, $"{what} '{name}' exceeds {NameLimitBytes} characters");
        }
    }

    private static void CheckPath(string path)
    {
        if (Encoding.UTF8.GetByteCount(path) >= PathLimitBytes)
        {
            throw new LibvirtException(
                LibvirtErrorCode.InternalError, $"Lease path '{path}' exceeds {PathLimitBytes} characters");
        }
    }
}
