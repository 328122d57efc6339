using Sanlock.Libvirt.Accounts;
using Sanlock.Libvirt.Conf;

namespace Sanlock.Libvirt;

/// <summary>
/// The settings of <c>qemu-sanlock.conf</c> (spec libvirt-lock-drivers.md §2.1), loaded and validated as libvirt
/// 9.0.0 does: keys are read in a fixed order and the first bad one stops loading; unknown keys are ignored.
/// </summary>
public sealed record QemuSanlockConfig
{
    /// <summary>Where the packaged libvirt looks for the file.</summary>
    public const string DefaultPath = "/etc/libvirt/qemu-sanlock.conf";

    public const string DefaultDiskLeaseDir = "/var/lib/libvirt/sanlock";

    /// <summary>Creates and joins <see cref="LibvirtDisksLockspace.Name"/> and one lease file per disk path.</summary>
    public bool AutoDiskLeases { get; init; }

    /// <summary>Holds the lockspace file and the lease files; used exactly as written (no normalisation).</summary>
    public string DiskLeaseDir { get; init; } = DefaultDiskLeaseDir;

    /// <summary>This host's slot in the automatic lockspace; 0 means unset.</summary>
    public uint HostId { get; init; }

    /// <summary>Manual mode: refuse a VM with writable, non-shared disks but no lease. Defaults to !auto.</summary>
    public bool RequireLeaseForDisks { get; init; } = true;

    /// <summary>Seconds; 0 means the sanlock daemon's own setting.</summary>
    public uint IoTimeoutSeconds { get; init; }

    /// <summary>Owner given to created files; <c>null</c> leaves it unchanged.</summary>
    public uint? UserId { get; init; }

    /// <summary>Group given to created files; also makes the lockspace file group read/write.</summary>
    public uint? GroupId { get; init; }

    public static QemuSanlockConfig Defaults { get; } = new();

    /// <summary><c>&lt;disk_lease_dir&gt;/__LIBVIRT__DISKS__</c>, built by plain concatenation like libvirt.</summary>
    public string LockspacePath => $"{DiskLeaseDir}/{LibvirtDisksLockspace.Name}";

    /// <summary>Loads <paramref name="path"/>, resolving user and group through libc; a missing file gives the defaults.</summary>
    /// <exception cref="LibvirtException">see <see cref="Load(string, IAccountDatabase)"/>.</exception>
    public static QemuSanlockConfig Load(string path) => Load(path, LibcAccountDatabase.Instance);

    /// <summary>Loads <paramref name="path"/>; a missing file gives <see cref="Defaults"/>.</summary>
    /// <exception cref="LibvirtException">unreadable file, syntax or type error, unknown user/group, or an
    /// inconsistent setting.</exception>
    public static QemuSanlockConfig Load(string path, IAccountDatabase accounts)
    {
        LibvirtConf? conf = LibvirtConfFile.LoadIfExists(path);
        return conf is null ? Defaults : FromConf(conf, accounts);
    }

    public static QemuSanlockConfig FromConf(LibvirtConf conf, IAccountDatabase accounts)
    {
        ArgumentNullException.ThrowIfNull(conf);
        ArgumentNullException.ThrowIfNull(accounts);
        bool auto = conf.GetBool("auto_disk_leases") ?? false;
        string leaseDir = conf.GetString("disk_lease_dir") ?? DefaultDiskLeaseDir;
        uint hostId = conf.GetUInt("host_id") ?? 0;
        bool requireLease = conf.GetBool("require_lease_for_disks") ?? !auto;
        uint ioTimeout = conf.GetUInt("io_timeout") ?? 0;
        string? user = conf.GetString("user");
        uint? uid = user is null ? null : OwnerIdParser.ParseUser(user, accounts);
        string? group = conf.GetString("group");
        uint? gid = group is null ? null : OwnerIdParser.ParseGroup(group, accounts);
        // ignore_readonly_and_shared_disks is deliberately not read: libvirt 9.0.0 ignores it too, so a bad value
        // there must not stop a host that works with the real plugin.

        if (auto && hostId == 0)
        {
            throw new LibvirtException(
                LibvirtErrorCode.InternalError, "Automatic disk lease mode enabled, but no host ID is set");
        }

        return new QemuSanlockConfig
        {
            AutoDiskLeases = auto,
            DiskLeaseDir = leaseDir,
            HostId = hostId,
            RequireLeaseForDisks = requireLease,
            IoTimeoutSeconds = ioTimeout,
            UserId = uid,
            GroupId = gid,
        };
    }
}
