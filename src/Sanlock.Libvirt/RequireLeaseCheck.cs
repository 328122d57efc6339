namespace Sanlock.Libvirt;

/// <summary>The acquire-time check behind <c>require_lease_for_disks</c> (spec §4.2), shared by both plugins.</summary>
public static class RequireLeaseCheck
{
    /// <exception cref="LibvirtException">no resources at all, a read/write exclusive disk was seen, and the option is on.</exception>
    public static void Ensure(int resourceCount, bool sawReadWriteDisk, bool requireLeaseForDisks)
    {
        if (resourceCount == 0 && sawReadWriteDisk && requireLeaseForDisks)
        {
            throw new LibvirtException(
                LibvirtErrorCode.ConfigUnsupported,
                "Read/write, exclusive access, disks were present, but no leases specified");
        }
    }
}
