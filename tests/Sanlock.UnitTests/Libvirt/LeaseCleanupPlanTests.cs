using Sanlock.Libvirt.SanlockPlugin;

namespace Sanlock.UnitTests.Libvirt;

public class LeaseCleanupPlanTests
{
    [Fact]
    public void Candidates_SkipTheLockspaceAndHiddenEntries_InByteOrder()
    {
        string[] entries =
        [
            "bfa0240911bc17753e0b473688822159", "__LIBVIRT__DISKS__", ".nfs000123", "0123456789abcdef0123456789abcdef",
            "Zeta", "lost+found",
        ];
        Assert.Equal(
            ["0123456789abcdef0123456789abcdef", "Zeta", "bfa0240911bc17753e0b473688822159", "lost+found"],
            LeaseCleanupPlan.Candidates(entries));
    }

    [Fact]
    public void Candidates_OfAnEmptyOrLockspaceOnlyDirectory_AreNone()
    {
        Assert.Empty(LeaseCleanupPlan.Candidates([]));
        Assert.Empty(LeaseCleanupPlan.Candidates(["__LIBVIRT__DISKS__"]));
    }

    [Fact]
    public void ResultLine_MatchesTheOriginalFormat()
    {
        // Spec §5 example output.
        Assert.Equal(
            "Cleanup: __LIBVIRT__DISKS__:0123456789abcdef0123456789abcdef:/tmp/leases/0123456789abcdef0123456789abcdef:0 PASS",
            LeaseCleanupPlan.ResultLine("/tmp/leases", "0123456789abcdef0123456789abcdef", deleted: true));
        Assert.Equal(
            "Cleanup: __LIBVIRT__DISKS__:bfa0240911bc17753e0b473688822159:/tmp/leases/bfa0240911bc17753e0b473688822159:0 FAIL",
            LeaseCleanupPlan.ResultLine("/tmp/leases", "bfa0240911bc17753e0b473688822159", deleted: false));
    }

    [Fact]
    public void Resource_IsTheLeaseFileAtOffsetZeroInTheAutomaticLockspace()
    {
        SanlockResourceSpec r = LeaseCleanupPlan.Resource("/tmp/leases", "abc");
        Assert.Equal("__LIBVIRT__DISKS__:abc:/tmp/leases/abc:0:0", r.ToString());
        Assert.False(r.Shared);
        Assert.Null(r.Lver);
    }
}
