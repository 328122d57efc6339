using Sanlock.Libvirt;
using Sanlock.Libvirt.SanlockPlugin;

namespace Sanlock.UnitTests.Libvirt;

/// <summary>Resource rules of the sanlock plugin; messages and limits checked against libvirt 9.0.0's sanlock.so.</summary>
public class SanlockLeasePlannerTests
{
    private static readonly QemuSanlockConfig Auto = new()
    {
        AutoDiskLeases = true, HostId = 1, DiskLeaseDir = "/srv/leases", RequireLeaseForDisks = false,
    };

    private static readonly QemuSanlockConfig Manual = QemuSanlockConfig.Defaults;

    private static SanlockLeasePlan Plan(QemuSanlockConfig config, params OfferedItem[] items) =>
        new SanlockLeasePlanner(config).Plan(items);

    private static OfferedLease Lease(string key) => new("LS", key, "/srv/ls/leases", 1048576);

    [Fact]
    public void AutoMode_WritableDiskGetsExclusiveMd5Lease()
    {
        SanlockLeasePlan plan = Plan(Auto, new OfferedDisk("/var/lib/libvirt/images/demo.img"));
        PlannedSanlockLease lease = Assert.Single(plan.Leases);
        Assert.Equal("/srv/leases/bfa0240911bc17753e0b473688822159", lease.AutoLeaseFile);
        Assert.Equal(
            "__LIBVIRT__DISKS__:bfa0240911bc17753e0b473688822159:/srv/leases/bfa0240911bc17753e0b473688822159:0:0",
            lease.Resource.ToString());
        Assert.False(lease.Resource.Shared);
    }

    [Fact]
    public void AutoMode_ShareableDiskIsSharedAndReadOnlyDiskHasNoLease()
    {
        SanlockLeasePlan plan = Plan(Auto, new OfferedDisk("/a.img", ReadOnly: true), new OfferedDisk("/b.img", Shared: true));
        PlannedSanlockLease lease = Assert.Single(plan.Leases);
        Assert.True(lease.Resource.Shared);
        Assert.EndsWith(":SH", lease.Resource.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ExplicitLeases_ComeFirstAndAreExclusiveInBothModes()
    {
        foreach (QemuSanlockConfig config in new[] { Auto, Manual })
        {
            SanlockLeasePlan plan = Plan(config, Lease("k1"), new OfferedDisk("/a.img"));
            Assert.Equal("LS:k1:/srv/ls/leases:1048576:0", plan.Leases[0].Resource.ToString());
            Assert.Null(plan.Leases[0].AutoLeaseFile);
        }
    }

    [Fact]
    public void ManualMode_DisksGetNoLease()
    {
        SanlockLeasePlan plan = Plan(Manual, new OfferedDisk("/a.img"), new OfferedDisk("/b.img", Shared: true));
        Assert.Empty(plan.Leases);
        Assert.True(plan.SawReadWriteDisk);
    }

    [Fact]
    public void EnsureAcquirable_ManualModeWritableDiskWithoutLease_Throws()
    {
        SanlockLeasePlan plan = Plan(Manual, new OfferedDisk("/a/b.img"), new OfferedDisk("/a/c.img", ReadOnly: true));
        var e = Assert.Throws<LibvirtException>(plan.EnsureAcquirable);
        Assert.Equal(
            "unsupported configuration: Read/write, exclusive access, disks were present, but no leases specified", e.Message);
    }

    [Fact]
    public void EnsureAcquirable_PassesWithOneLeaseOrOnlySharedAndReadOnlyDisksOrOptionOff()
    {
        Plan(Manual, new OfferedDisk("/a.img"), Lease("k")).EnsureAcquirable();
        Plan(Manual, new OfferedDisk("/a.img", ReadOnly: true), new OfferedDisk("/d.img", Shared: true)).EnsureAcquirable();
        Plan(Manual with { RequireLeaseForDisks = false }, new OfferedDisk("/a.img")).EnsureAcquirable();
        Plan(Auto, new OfferedDisk("/a.img")).EnsureAcquirable();
    }

    [Fact]
    public void Plan_AcceptsEightResources()
    {
        OfferedItem[] items = [.. Enumerable.Range(1, 8).Select(i => (OfferedItem)Lease($"k{i}"))];
        Assert.Equal(8, Plan(Manual, items).Leases.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Plan_AfterEightResources_AnyItemFails_EvenAReadOnlyDisk(bool readOnlyNinth)
    {
        OfferedItem ninth = readOnlyNinth ? new OfferedDisk("/c.img", ReadOnly: true) : Lease("k9");
        OfferedItem[] items = [.. Enumerable.Range(1, 8).Select(i => (OfferedItem)Lease($"k{i}")), ninth];
        var e = Assert.Throws<LibvirtException>(() => Plan(Manual, items));
        Assert.Equal("internal error: Too many resources 8 for object", e.Message);
    }

    [Fact]
    public void Plan_AutoDisksCountTowardsTheLimit()
    {
        OfferedItem[] items = [.. Enumerable.Range(1, 9).Select(i => (OfferedItem)new OfferedDisk($"/d{i}.img"))];
        Assert.Throws<LibvirtException>(() => Plan(Auto, items));
    }

    [Fact]
    public void Plan_NamesOf47BytesPass_48Fail()
    {
        string n47 = new('n', 47);
        string n48 = new('n', 48);
        Plan(Manual, new OfferedLease(n47, n47, "/p"));
        Assert.Equal(
            $"internal error: Resource name '{n48}' exceeds 48 characters",
            Assert.Throws<LibvirtException>(() => Plan(Manual, new OfferedLease("LS", n48, "/p"))).Message);
        Assert.Equal(
            $"internal error: Resource lockspace '{n48}' exceeds 48 characters",
            Assert.Throws<LibvirtException>(() => Plan(Manual, new OfferedLease(n48, "k", "/p"))).Message);
    }

    [Fact]
    public void Plan_PathsOf1023BytesPass_1024Fail()
    {
        string p1023 = "/" + new string('p', 1022);
        string p1024 = p1023 + "p";
        Plan(Manual, new OfferedLease("LS", "k", p1023));
        Assert.Equal(
            $"internal error: Lease path '{p1024}' exceeds 1024 characters",
            Assert.Throws<LibvirtException>(() => Plan(Manual, new OfferedLease("LS", "k", p1024))).Message);
    }

    [Fact]
    public void Plan_AutoLeaseOfAVeryLongDiskPath_IsShortBecauseItIsHashed()
    {
        string longDisk = "/" + new string('d', 4000);
        Assert.Single(Plan(Auto, new OfferedDisk(longDisk)).Leases);
    }

    [Fact]
    public void Plan_AutoLeaseInAVeryLongLeaseDir_FailsOnTheLeasePath()
    {
        var config = Auto with { DiskLeaseDir = "/" + new string('l', 1000) };
        var e = Assert.Throws<LibvirtException>(() => Plan(config, new OfferedDisk("/a.img")));
        Assert.StartsWith("internal error: Lease path '/lll", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LockspacePath_Over1023Bytes_IsRefused()
    {
        var config = Auto with { DiskLeaseDir = "/" + new string('l', 1004) };
        Assert.Equal(1024, config.LockspacePath.Length);
        var e = Assert.Throws<LibvirtException>(() => LibvirtDisksLockspace.EnsurePathFits(config.LockspacePath));
        Assert.Equal($"internal error: Lockspace path '{config.LockspacePath}' exceeded 1024 characters", e.Message);
        LibvirtDisksLockspace.EnsurePathFits(config.LockspacePath[..^1]);
        Assert.Equal("__LIBVIRT__DISKS__:1:/srv/leases/__LIBVIRT__DISKS__:0", LibvirtDisksLockspace.LockspaceString(Auto));
    }

    /// <summary>
    /// libvirt 9.0.0's sanlock.so, driven against a real sanlock 3.8.5 with these three disks, left exactly these
    /// resources in <c>sanlock client status</c> (lver 1 for the exclusive one, whose plan carries no version).
    /// </summary>
    [Fact]
    public void Plan_MatchesWhatLibvirtsPluginAcquiredOnARealSanlock()
    {
        var config = Auto with { DiskLeaseDir = "/tmp/lvobs/leases" };
        SanlockLeasePlan plan = Plan(
            config,
            new OfferedDisk("/var/lib/libvirt/images/demo.img"),
            new OfferedDisk("/srv/shared disk.img", Shared: true),
            new OfferedDisk("/srv/ro.img", ReadOnly: true));
        Assert.Equal(
            [
                "__LIBVIRT__DISKS__:bfa0240911bc17753e0b473688822159:/tmp/lvobs/leases/bfa0240911bc17753e0b473688822159:0:0",
                "__LIBVIRT__DISKS__:3e0f551d63fd63ec65a603cd3fb48824:/tmp/lvobs/leases/3e0f551d63fd63ec65a603cd3fb48824:0:SH",
            ],
            plan.Resources.Select(r => r.ToString()));
    }
}
