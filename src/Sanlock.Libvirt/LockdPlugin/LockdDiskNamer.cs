using Sanlock.Libvirt.Naming;

namespace Sanlock.Libvirt.LockdPlugin;

/// <summary>
/// Picks the lockspace and resource name for a disk under lockd (spec §6.2): for paths starting with <c>/dev</c>
/// (a plain prefix test, as in libvirt) the LV UUID, then the SCSI id, when their directories are configured; then
/// the SHA-256 file name; otherwise the path itself.
/// </summary>
public sealed class LockdDiskNamer
{
    private readonly QemuLockdConfig _config;
    private readonly IDiskIdProbe _probe;
    private readonly bool _requireDeviceId;

    /// <param name="config">The loaded qemu-lockd.conf.</param>
    /// <param name="probe">Reads LV UUIDs and SCSI ids.</param>
    /// <param name="requireDeviceId">
    /// <c>false</c> falls through to the next scheme when a device has no id, as libvirt does; <c>true</c> refuses
    /// such a device instead, so a misnamed LV is never locked under a name other hosts would not use.
    /// </param>
    public LockdDiskNamer(QemuLockdConfig config, IDiskIdProbe probe, bool requireDeviceId = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(probe);
        _config = config;
        _probe = probe;
        _requireDeviceId = requireDeviceId;
    }

    /// <exception cref="LibvirtException">an id tool could not be run, or (strict) the device has no id.</exception>
    public LockdResource Name(string diskPath, bool shared)
    {
        ArgumentNullException.ThrowIfNull(diskPath);
        bool device = diskPath.StartsWith("/dev", StringComparison.Ordinal);
        if (device && _config.LvmLockspaceDir is { } lvmDir && _probe.TryGetLvUuid(diskPath) is { } uuid)
        {
            return new LockdResource(lvmDir, uuid, shared, AutoCreate: true, LockdNamingScheme.LvmUuid);
        }

        if (device && _config.ScsiLockspaceDir is { } scsiDir && _probe.TryGetScsiId(diskPath) is { } scsiId)
        {
            return new LockdResource(scsiDir, scsiId, shared, AutoCreate: true, LockdNamingScheme.ScsiId);
        }

        if (device && _requireDeviceId && (_config.LvmLockspaceDir ?? _config.ScsiLockspaceDir) is not null)
        {
            string tools = (_config.LvmLockspaceDir, _config.ScsiLockspaceDir) switch
            {
                (not null, not null) => "neither an LV UUID nor a SCSI id",
                (not null, null) => "no LV UUID",
                _ => "no SCSI id",
            };
            throw new LibvirtException(LibvirtErrorCode.InternalError, $"Disk '{diskPath}' has no UUID: {tools} found");
        }

        if (_config.FileLockspaceDir is { } fileDir)
        {
            return new LockdResource(
                fileDir, DiskLeaseNames.LockdFileResourceName(diskPath), shared, AutoCreate: true, LockdNamingScheme.FileHash);
        }

        return new LockdResource(string.Empty, diskPath, shared, AutoCreate: false, LockdNamingScheme.Direct);
    }
}
