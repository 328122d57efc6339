using Sanlock.Libvirt;
using Sanlock.Libvirt.SanlockPlugin;

namespace Sanlock.UnitTests.Libvirt;

public class LockspaceFilePolicyTests
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0660 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    private static readonly QemuSanlockConfig NoOwner = new() { AutoDiskLeases = true, HostId = 1 };
    private static readonly QemuSanlockConfig UserOnly = NoOwner with { UserId = 179 };
    private static readonly QemuSanlockConfig UserAndGroup = NoOwner with { UserId = 179, GroupId = 180 };

    [Fact]
    public void CreateModes_Are0600_Or0660ForTheLockspaceWhenAGroupIsSet()
    {
        Assert.Equal(Mode0600, LockspaceFilePolicy.LockspaceCreateMode(NoOwner));
        Assert.Equal(Mode0600, LockspaceFilePolicy.LockspaceCreateMode(UserOnly));
        Assert.Equal(Mode0660, LockspaceFilePolicy.LockspaceCreateMode(UserAndGroup));
        Assert.Equal(Mode0600, LockspaceFilePolicy.LeaseFileCreateMode);
    }

    [Fact]
    public void ChownAfterCreate_OnlyWhenUserOrGroupIsSet()
    {
        Assert.False(LockspaceFilePolicy.ChownAfterCreate(NoOwner));
        Assert.True(LockspaceFilePolicy.ChownAfterCreate(UserOnly));
        Assert.True(LockspaceFilePolicy.ChownAfterCreate(NoOwner with { GroupId = 0 }));
    }

    [Fact]
    public void RepairExisting_FixesOwnerAndGroupModeOnlyWhenConfiguredAndDifferent()
    {
        Assert.Equal(LockspaceRepair.None, LockspaceFilePolicy.RepairExisting(NoOwner, true, 0, 0, Mode0600));
        Assert.Equal(LockspaceRepair.None, LockspaceFilePolicy.RepairExisting(UserOnly, true, 179, 0, Mode0600));
        Assert.Equal(new LockspaceRepair(true, null), LockspaceFilePolicy.RepairExisting(UserOnly, true, 0, 0, Mode0600));
        Assert.Equal(LockspaceRepair.None, LockspaceFilePolicy.RepairExisting(UserAndGroup, true, 179, 180, Mode0660));
        Assert.Equal(new LockspaceRepair(true, Mode0660), LockspaceFilePolicy.RepairExisting(UserAndGroup, true, 179, 0, Mode0600));
        Assert.Equal(
            new LockspaceRepair(false, Mode0660),
            LockspaceFilePolicy.RepairExisting(UserAndGroup, true, 179, 180, Mode0600 | UnixFileMode.GroupRead));
    }

    [Fact]
    public void RepairExisting_LeavesNonRegularFilesAlone()
    {
        Assert.Equal(LockspaceRepair.None, LockspaceFilePolicy.RepairExisting(UserAndGroup, false, 0, 0, Mode0600));
    }

    [Theory]
    [InlineData(0, 1, JoinStep.Joined)]
    [InlineData(-17, 1, JoinStep.Joined)]
    [InlineData(-115, 1, JoinStep.WaitAndRetry)]
    [InlineData(-115, 9, JoinStep.WaitAndRetry)]
    [InlineData(-115, 10, JoinStep.Failed)]
    [InlineData(-262, 1, JoinStep.Failed)]
    [InlineData(-2, 1, JoinStep.Failed)]
    public void JoinPolicy_RetriesInProgressUpToTenAttempts(int result, int attempt, JoinStep expected)
    {
        Assert.Equal(expected, LockspaceJoinPolicy.Next(result, attempt));
    }

    [Fact]
    public void KillHelper_EscapesFieldsAndChecksLength()
    {
        Assert.Equal(
            "qemu:///system 4dea22b3-1d52-d8f3-2516-782e98ab3fa0 poweroff",
            KillHelperArguments.Build("qemu:///system", "4dea22b3-1d52-d8f3-2516-782e98ab3fa0", "poweroff"));
        Assert.Equal("a\\ b c\\\\d pause", KillHelperArguments.Build("a b", "c\\d", "pause"));
        string longUri = new('u', 90);
        var e = Assert.Throws<LibvirtException>(() => KillHelperArguments.Build(longUri, "4dea22b3-1d52-d8f3-2516-782e98ab3fa0", "poweroff"));
        Assert.StartsWith("internal error: Sanlock helper arguments are longer than 127: 'uuu", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("poweroff", true)]
    [InlineData("pause", true)]
    public void KillHelper_NeededForPoweroffAndPause(string? action, bool expected)
    {
        Assert.Equal(expected, KillHelperArguments.NeedsHelper(action));
    }

    [Theory]
    [InlineData("restart")]
    [InlineData("ignore")]
    public void KillHelper_RestartAndIgnoreAreRefused(string action)
    {
        var e = Assert.Throws<LibvirtException>(() => KillHelperArguments.NeedsHelper(action));
        Assert.Equal($"unsupported configuration: Failure action {action} is not supported by sanlock", e.Message);
    }
}
