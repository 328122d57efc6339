using Sanlock.Lockd.Locking;

namespace Sanlock.UnitTests.Lockd;

public class OwnerRegistryTests
{
    [Fact]
    public void Dead_ListsPidsThatVanishedOrWereReused()
    {
        var owners = new OwnerRegistry();
        owners.Register(10, 1000);
        owners.Register(20, 2000);
        owners.Register(30, 3000);
        var now = new Dictionary<int, ulong> { [10] = 1000, [30] = 3999 };

        Assert.Equal([20, 30], owners.Dead(pid => now.TryGetValue(pid, out ulong t) ? t : null));
    }

    [Fact]
    public void Register_SamePidOtherStartTime_ReportsTheStaleOwner()
    {
        var owners = new OwnerRegistry();
        Assert.False(owners.Register(10, 1000));
        Assert.False(owners.Register(10, 1000));
        Assert.True(owners.Register(10, 5000));
        Assert.Empty(owners.Dead(_ => 5000));
    }

    [Fact]
    public void Forget_RemovesThePid()
    {
        var owners = new OwnerRegistry();
        owners.Register(10, 1000);
        owners.Forget(10);
        Assert.False(owners.Contains(10));
        Assert.Empty(owners.Dead(_ => null));
    }
}
