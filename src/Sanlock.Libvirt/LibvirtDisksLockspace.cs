namespace Sanlock.Libvirt;

/// <summary>The lockspace libvirt creates for automatic disk leases (spec §3.1).</summary>
public static class LibvirtDisksLockspace
{
    public const string Name = "__LIBVIRT__DISKS__";

    /// <summary>Lockspace and lease files are preallocated to sanlock's alignment for 512-byte-sector storage.</summary>
    public const int FileBytes = 1 << 20;
}
