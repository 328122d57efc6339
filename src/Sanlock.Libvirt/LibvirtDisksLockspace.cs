namespace Sanlock.Libvirt;

/// <summary>The lockspace libvirt creates for automatic disk leases (spec §3.1).</summary>
public static class LibvirtDisksLockspace
{
    public const string Name = "__LIBVIRT__DISKS__";

    /// <summary>Lockspace and lease files are preallocated to sanlock's alignment for 512-byte-sector storage.</summary>
    public const int FileBytes = 1 << 20;

    /// <summary>Lockspace paths must be shorter than this many bytes.</summary>
    public const int PathLimitBytes = 1024;

    /// <summary>The string form sanlock takes for joining: <c>__LIBVIRT__DISKS__:&lt;host_id&gt;:&lt;path&gt;:0</c>.</summary>
    public static string LockspaceString(QemuSanlockConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return $"{Name}:{config.HostId}:{config.LockspacePath}:0";
    }

    /// <exception cref="LibvirtException">the lockspace path is too long for sanlock (checked before creating it).</exception>
    public static void EnsurePathFits(string lockspacePath)
    {
        ArgumentNullException.ThrowIfNull(lockspacePath);
        if (System.Text.Encoding.UTF8.GetByteCount(lockspacePath) >= PathLimitBytes)
        {
            throw new LibvirtException(
                LibvirtErrorCode.InternalError, $"Lockspace path '{lockspacePath}' exceeded {PathLimitBytes} characters");
        }
    }
}
