using Sanlock.Libvirt.LockdPlugin;

namespace Sanlock.UnitTests.Libvirt;

public class LockdMessagesTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void LockRefused_WhenConflict_SaysLocked(int errno)
    {
        Assert.Equal(
            "resource busy: Lockspace resource '/tmp/lockdtest/disk1.img' is locked",
            LockdMessages.LockRefused("/tmp/lockdtest/disk1.img", "/tmp/lockdtest/disk1.img", errno).Message);
    }

    [Fact]
    public void LockRefused_WhenOtherErrno_NamesPathAndError()
    {
        Assert.Equal("Unable to acquire lock on '/nfs/x': No locks available", LockdMessages.LockRefused("x", "/nfs/x", 37).Message);
    }

    [Fact]
    public void Messages_MatchVirtlockdsWording()
    {
        Assert.Equal("resource busy: Lockspace resource 'abc' is not locked", LockdMessages.NotLocked("abc").Message);
        Assert.Equal("internal error: owner 42 does not hold the resource lock", LockdMessages.OwnerDoesNotHold(42).Message);
        Assert.Equal("Unable to open resource /x/d.img: No such file or directory", LockdMessages.OpenFailed("/x/d.img", false, 2).Message);
        Assert.Equal("Unable to open/create resource /ls/abc: Permission denied", LockdMessages.OpenFailed("/ls/abc", true, 13).Message);
        Assert.Equal("internal error: Lockspace for path /x/ls does not exist", LockdMessages.LockspaceMissing("/x/ls").Message);
        Assert.Equal("operation forbidden: lock manager connection has been restricted", LockdMessages.Restricted().Message);
        Assert.Equal("Requested operation is not valid: lock owner details have not been registered", LockdMessages.OwnerNotRegistered().Message);
        Assert.Equal("operation forbidden: Disallowing client 12 with uid 1000", LockdMessages.ClientRefused(12, 1000).Message);
        Assert.Equal("internal error: Missing ID parameter for domain object", LockdMessages.MissingDomainId().Message);
    }
}
