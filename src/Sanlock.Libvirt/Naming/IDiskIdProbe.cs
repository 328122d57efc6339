namespace Sanlock.Libvirt.Naming;

/// <summary>Reads the identifiers lockd uses to name block devices (spec §6.2); the only I/O in lockd naming.</summary>
public interface IDiskIdProbe
{
    /// <returns>The LV UUID, or <c>null</c> when the path is not an LV (the tool exited non-zero or printed nothing).</returns>
    /// <exception cref="LibvirtException">the tool could not be run at all.</exception>
    string? TryGetLvUuid(string devicePath);

    /// <returns>The SCSI unique id, or <c>null</c> when the device has none.</returns>
    /// <exception cref="LibvirtException">the tool could not be run at all.</exception>
    string? TryGetScsiId(string devicePath);
}
