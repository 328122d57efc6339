using Sanlock.Libvirt.Conf;

namespace Sanlock.Libvirt;

/// <summary>
/// The settings of <c>qemu-lockd.conf</c> (spec libvirt-lock-drivers.md §6.1). A directory left unset disables
/// that naming scheme; with none set, disks are locked directly on the image file.
/// </summary>
public sealed record QemuLockdConfig
{
    public const string DefaultPath = "/etc/libvirt/qemu-lockd.conf";

    public bool AutoDiskLeases { get; init; } = true;

    /// <summary>Defaults to !auto when the file exists, and to 1 when it does not (then irrelevant: auto is on).</summary>
    public bool RequireLeaseForDisks { get; init; } = true;

    /// <summary>Indirect mode: zero-length lock files named by the SHA-256 of the disk path.</summary>
    public string? FileLockspaceDir { get; init; }

    /// <summary>Lock files named by the LV UUID, for paths under <c>/dev</c>.</summary>
    public string? LvmLockspaceDir { get; init; }

    /// <summary>Lock files named by the SCSI unique id, for paths under <c>/dev</c>.</summary>
    public string? ScsiLockspaceDir { get; init; }

    public static QemuLockdConfig Defaults { get; } = new();

    /// <summary>The configured lockspace directories, in the order libvirt registers them.</summary>
    public IEnumerable<string> LockspaceDirs =>
        new[] { FileLockspaceDir, LvmLockspaceDir, ScsiLockspaceDir }.OfType<string>();

    /// <exception cref="LibvirtException">unreadable file, syntax or type error.</exception>
    public static QemuLockdConfig Load(string path)
    {
        LibvirtConf? conf = LibvirtConfFile.LoadIfExists(path);
        return conf is null ? Defaults : FromConf(conf);
    }

    public static QemuLockdConfig FromConf(LibvirtConf conf)
    {
        ArgumentNullException.ThrowIfNull(conf);
        bool auto = conf.GetBool("auto_disk_leases") ?? true;
        string? fileDir = conf.GetString("file_lockspace_dir");
        string? lvmDir = conf.GetString("lvm_lockspace_dir");
        string? scsiDir = conf.GetString("scsi_lockspace_dir");
        bool requireLease = conf.GetBool("require_lease_for_disks") ?? !auto;
        return new QemuLockdConfig
        {
            AutoDiskLeases = auto,
            RequireLeaseForDisks = requireLease,
            FileLockspaceDir = fileDir,
            LvmLockspaceDir = lvmDir,
            ScsiLockspaceDir = scsiDir,
        };
    }
}
