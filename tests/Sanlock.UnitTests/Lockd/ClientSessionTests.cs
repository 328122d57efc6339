using Sanlock.Lockd.Locking;

namespace Sanlock.UnitTests.Lockd;

public class ClientSessionTests
{
    [Fact]
    public void Close_OfAConnectionThatRegisteredItsOwnPid_ReleasesThatOwner()
    {
        var session = new ClientSession(peerPid: 42, peerUid: 0);
        session.Register(42);
        Assert.True(session.Attached);
        Assert.Equal(42, session.OwnerToReleaseOnClose);
    }

    [Fact]
    public void Close_OfAConnectionDrivingAnotherPid_ReleasesNothing()
    {
        var session = new ClientSession(peerPid: 42, peerUid: 0);
        session.Register(77);
        Assert.False(session.Attached);
        Assert.Null(session.OwnerToReleaseOnClose);
    }

    [Fact]
    public void Close_BeforeRegistering_ReleasesNothing()
    {
        Assert.Null(new ClientSession(42, 0).OwnerToReleaseOnClose);
    }

    [Fact]
    public void Register_Twice_Throws()
    {
        var session = new ClientSession(42, 0);
        session.Register(42);
        Assert.Throws<InvalidOperationException>(() => session.Register(43));
    }
}
