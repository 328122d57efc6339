namespace Sanlock.Libvirt.LockdPlugin;

/// <summary>How a lockd resource got its name (spec §6.2, rows 1–4 and leases).</summary>
public enum LockdNamingScheme
{
    /// <summary>LV UUID, in <c>lvm_lockspace_dir</c>.</summary>
    LvmUuid,

    /// <summary>SCSI unique id, in <c>scsi_lockspace_dir</c>.</summary>
    ScsiId,

    /// <summary>SHA-256 of the disk path, in <c>file_lockspace_dir</c>.</summary>
    FileHash,

    /// <summary>The disk path itself, locked in place.</summary>
    Direct,

    /// <summary>A <c>&lt;lease&gt;</c>: key file inside <c>&lt;path&gt;/&lt;lockspace&gt;</c>.</summary>
    Lease,
}
