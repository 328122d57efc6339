using Sanlock.Libvirt;
using Sanlock.Libvirt.LockdPlugin;
using Sanlock.Libvirt.Naming;

namespace Sanlock.UnitTests.Libvirt;

/// <summary>lockd naming (spec §6.2) and resource rules; messages checked against libvirt 9.0.0's lockd.so.</summary>
public class LockdLockPlannerTests
{
    private const string DemoSha = "6f716e8c06fc109acd342e3c129a17ccf3c473c1c76363b543a1cbb55d1cd778";

    private sealed class FakeProbe : IDiskIdProbe
    {
        public Dictionary<string, string> LvUuids { get; } = [];

        public Dictionary<string, string> ScsiIds { get; } = [];

        public List<string> Asked { get; } = [];

        public string? TryGetLvUuid(string devicePath)
        {
            Asked.Add("lvs " + devicePath);
            return LvUuids.GetValueOrDefault(devicePath);
        }

        public string? TryGetScsiId(string devicePath)
        {
            Asked.Add("scsi_id " + devicePath);
            return ScsiIds.GetValueOrDefault(devicePath);
        }
    }

    private static readonly QemuLockdConfig AllDirs = new()
    {
        FileLockspaceDir = "/ls/files", LvmLockspaceDir = "/ls/lvm", ScsiLockspaceDir = "/ls/scsi",
    };

    private static LockdResource Name(QemuLockdConfig config, FakeProbe probe, string path, bool strict = false) =>
        new LockdDiskNamer(config, probe, strict).Name(path, shared: false);

    [Fact]
    public void Name_WhenNoDirectories_LocksThePathDirectly()
    {
        LockdResource r = Name(QemuLockdConfig.Defaults, new FakeProbe(), "/var/lib/libvirt/images/demo.img");
        Assert.Equal(new LockdResource("", "/var/lib/libvirt/images/demo.img", false, false, LockdNamingScheme.Direct), r);
        Assert.Equal("/var/lib/libvirt/images/demo.img", r.LockFilePath);
    }

    [Fact]
    public void Name_WithFileDirectory_UsesSha256()
    {
        LockdResource r = Name(AllDirs, new FakeProbe(), "/var/lib/libvirt/images/demo.img");
        Assert.Equal(new LockdResource("/ls/files", DemoSha, false, true, LockdNamingScheme.FileHash), r);
        Assert.Equal("/ls/files/" + DemoSha, r.LockFilePath);
    }

    [Fact]
    public void Name_DevicePath_PrefersLvUuidThenScsiId()
    {
        var probe = new FakeProbe();
        probe.LvUuids["/dev/vg/lv"] = "06UgP5-2rhb-w3Bo-3mdR-WeoL-pytO-SAa2ky";
        probe.ScsiIds["/dev/vg/lv"] = "36001405abc";
        probe.ScsiIds["/dev/sdb"] = "36001405def";
        Assert.Equal(
            new LockdResource("/ls/lvm", "06UgP5-2rhb-w3Bo-3mdR-WeoL-pytO-SAa2ky", false, true, LockdNamingScheme.LvmUuid),
            Name(AllDirs, probe, "/dev/vg/lv"));
        Assert.Equal(
            new LockdResource("/ls/scsi", "36001405def", false, true, LockdNamingScheme.ScsiId),
            Name(AllDirs, probe, "/dev/sdb"));
    }

    [Fact]
    public void Name_DevicePrefixIsAPlainStringTest()
    {
        var probe = new FakeProbe();
        Name(AllDirs, probe, "/devices/x.img");
        Name(AllDirs, probe, "/srv/dev/x.img");
        Assert.Equal(["lvs /devices/x.img", "scsi_id /devices/x.img"], probe.Asked);
    }

    [Fact]
    public void Name_DeviceWithoutId_FallsThroughLikeLibvirt()
    {
        Assert.Equal(LockdNamingScheme.FileHash, Name(AllDirs, new FakeProbe(), "/dev/sdc").Scheme);
        Assert.Equal(
            LockdNamingScheme.Direct, Name(AllDirs with { FileLockspaceDir = null }, new FakeProbe(), "/dev/sdc").Scheme);
    }

    [Theory]
    [InlineData(true, true, "neither an LV UUID nor a SCSI id found")]
    [InlineData(true, false, "no LV UUID found")]
    [InlineData(false, true, "no SCSI id found")]
    public void Name_Strict_DeviceWithoutId_Throws(bool lvm, bool scsi, string what)
    {
        var config = AllDirs with { LvmLockspaceDir = lvm ? "/ls/lvm" : null, ScsiLockspaceDir = scsi ? "/ls/scsi" : null };
        var e = Assert.Throws<LibvirtException>(() => Name(config, new FakeProbe(), "/dev/sdc", strict: true));
        Assert.Equal($"internal error: Disk '/dev/sdc' has no UUID: {what}", e.Message);
    }

    [Fact]
    public void Plan_SkipsReadOnlyAndSharesShareable()
    {
        var planner = new LockdLockPlanner(AllDirs, new LockdDiskNamer(AllDirs, new FakeProbe()));
        LockdLockPlan plan = planner.Plan(
            [new OfferedDisk("/a.img", ReadOnly: true), new OfferedDisk("/var/lib/libvirt/images/demo.img", Shared: true)]);
        LockdResource r = Assert.Single(plan.Resources);
        Assert.True(r.Shared);
        Assert.Equal(DemoSha, r.Name);
    }

    [Fact]
    public void Plan_HasNoResourceLimit()
    {
        var planner = new LockdLockPlanner(AllDirs, new LockdDiskNamer(AllDirs, new FakeProbe()));
        Assert.Equal(20, planner.Plan([.. Enumerable.Range(0, 20).Select(i => new OfferedDisk($"/d{i}"))]).Resources.Length);
    }

    [Fact]
    public void Plan_Lease_LivesInPathSlashLockspace()
    {
        var planner = new LockdLockPlanner(QemuLockdConfig.Defaults, new LockdDiskNamer(QemuLockdConfig.Defaults, new FakeProbe()));
        LockdResource r = Assert.Single(planner.Plan([new OfferedLease("ls", "k", "/x")]).Resources);
        Assert.Equal(new LockdResource("/x/ls", "k", false, false, LockdNamingScheme.Lease), r);
        Assert.Equal("/x/ls/k", r.LockFilePath);
    }

    [Fact]
    public void Plan_LeaseWithNonZeroOffset_Throws()
    {
        var planner = new LockdLockPlanner(QemuLockdConfig.Defaults, new LockdDiskNamer(QemuLockdConfig.Defaults, new FakeProbe()));
        var e = Assert.Throws<LibvirtException>(() => planner.Plan([new OfferedLease("ls", "k", "/x", 5)]));
        Assert.Equal("internal error: Offset must be zero for this lock manager", e.Message);
    }

    [Fact]
    public void EnsureAcquirable_ManualModeWritableDiskWithoutLease_Throws()
    {
        var manual = new QemuLockdConfig { AutoDiskLeases = false, RequireLeaseForDisks = true };
        var planner = new LockdLockPlanner(manual, new LockdDiskNamer(manual, new FakeProbe()));
        LockdLockPlan plan = planner.Plan([new OfferedDisk("/a/b.img")]);
        Assert.Empty(plan.Resources);
        Assert.Throws<LibvirtException>(plan.EnsureAcquirable);
        planner.Plan([new OfferedDisk("/a/b.img", Shared: true)]).EnsureAcquirable();
        planner.Plan([new OfferedDisk("/a/b.img"), new OfferedLease("ls", "k", "/x")]).EnsureAcquirable();
    }
}
