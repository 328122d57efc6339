using Sanlock.Libvirt.SanlockPlugin;

namespace Sanlock.UnitTests.Libvirt;

public class SanlockPluginMessagesTests
{
    [Theory]
    [InlineData(-243, "resource busy: Failed to acquire lock: Lease is held by another host")]
    [InlineData(-244, "resource busy: Failed to acquire lock: Lease was acquired by another host in other ballot")]
    [InlineData(-240, "resource busy: Failed to acquire lock: Unknown error")]
    [InlineData(-17, "Failed to acquire lock: File exists")]
    [InlineData(-28, "Failed to acquire lock: No space left on device")]
    [InlineData(-16, "Failed to acquire lock: Device or resource busy")]
    public void AcquireFailed_UsesSanlockTextForSanlockCodesAndStrerrorOtherwise(int result, string message)
    {
        Assert.Equal(message, SanlockPluginMessages.AcquireFailed(result).Message);
    }

    [Fact]
    public void AddLockspaceFailed_SanlockCodeIsAnInternalError_ErrnoIsNot()
    {
        Assert.Equal(
            "internal error: Unable to add lockspace /l/__LIBVIRT__DISKS__: Lease host ID is being used by another host",
            SanlockPluginMessages.AddLockspaceFailed("/l/__LIBVIRT__DISKS__", -262).Message);
        Assert.Equal(
            "Unable to add lockspace /l/__LIBVIRT__DISKS__: No such device",
            SanlockPluginMessages.AddLockspaceFailed("/l/__LIBVIRT__DISKS__", -19).Message);
    }

    [Fact]
    public void FileMessages_MatchLibvirtsWording()
    {
        Assert.Equal(
            "internal error: Unable to create lockspace /nonexistent/dir/__LIBVIRT__DISKS__: parent directory does not exist or is not a directory",
            SanlockPluginMessages.LockspaceParentMissing("/nonexistent/dir/__LIBVIRT__DISKS__").Message);
        Assert.Equal("cannot chown '/l/x' to (179, 4294967295): Operation not permitted", SanlockPluginMessages.ChownFailed("/l/x", 179, null, 1).Message);
        Assert.Equal("cannot chmod '/l/x' to 0660: Operation not permitted", SanlockPluginMessages.ChmodFailed("/l/x", 1).Message);
        Assert.Equal("Unable to create lockspace /l/abc: Permission denied", SanlockPluginMessages.CreateFailed("/l/abc", 13).Message);
        Assert.Equal("Unable to allocate lease /l/abc: No space left on device", SanlockPluginMessages.AllocateFailed("/l/abc", true, 28).Message);
        Assert.Equal("Unable to save lockspace /l/x: Input/output error", SanlockPluginMessages.SaveFailed("/l/x", false, 5).Message);
        Assert.Equal("internal error: Unable to initialize lease /l/abc: IO timeout", SanlockPluginMessages.InitializeFailed("/l/abc", true, -202).Message);
        Assert.Equal("Failed to open socket to sanlock daemon: No such file or directory", SanlockPluginMessages.RegisterFailed(-2).Message);
    }

    [Fact]
    public void SanlockStrError_KnowsEveryCodeLibsanlockNames()
    {
        int[] named = [-201, -202, -203, -210, -211, -212, -213, -214, -220, -221, -222, -223, -224, -225, -226, -227, -228, -229,
            -241, -242, -243, -244, -245, -246, -247, -250, -251, -260, -261, -262, -270, -271, -272, -273];
        Assert.All(named, code => Assert.NotEqual("Unknown error", SanlockStrError.Text(code)));
        Assert.Equal(
            named.Length, Enumerable.Range(200, 101).Count(c => SanlockStrError.Text(-c) != "Unknown error"));
        Assert.Equal("Lease does not exist on storage", SanlockStrError.Text(-223));
        Assert.Equal("Unknown error", SanlockStrError.Text(-17));
    }
}
