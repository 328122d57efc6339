using Sanlock.Libvirt;
using Sanlock.Libvirt.LockdPlugin;

namespace Sanlock.Lockd;

/// <summary>Our wording on top of virtlockd's (spec §7 #11): the same prefix and text, then where the lock is.</summary>
public static class LockdErrors
{
    /// <summary><c>resource busy: Lockspace resource '&lt;name&gt;' is locked (lock file &lt;path&gt;, held by …)</c>.</summary>
    public static LibvirtException Busy(LockdResource resource, string holder)
    {
        ArgumentNullException.ThrowIfNull(resource);
        string where = resource.LockspaceDir.Length == 0 ? holder : $"lock file {resource.LockFilePath}, {holder}";
        return new LibvirtException(LibvirtErrorCode.ResourceBusy, $"Lockspace resource '{resource.Name}' is locked ({where})");
    }
}
