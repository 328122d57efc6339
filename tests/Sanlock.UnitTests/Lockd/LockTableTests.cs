using Sanlock.Libvirt.LockdPlugin;
using Sanlock.Lockd.Locking;

namespace Sanlock.UnitTests.Lockd;

public class LockTableTests
{
    private sealed class Fd;

    private static LockdResource Direct(string path, bool shared = false) =>
        new(string.Empty, path, shared, AutoCreate: false, LockdNamingScheme.Direct);

    private static LockdResource Hashed(string name, bool shared = false) =>
        new("/srv/locks", name, shared, AutoCreate: true, LockdNamingScheme.FileHash);

    [Fact]
    public void Decide_WhenNobodyHoldsIt_TakesTheKernelLock()
    {
        var table = new LockTable<Fd>();
        Assert.Equal(LockDecision.TakeKernelLock, table.Decide(Direct("/img/a"), 100));
    }

    [Theory]
    [InlineData(false, false, LockDecision.Busy)]
    [InlineData(false, true, LockDecision.Busy)]
    [InlineData(true, false, LockDecision.Busy)]
    [InlineData(true, true, LockDecision.JoinShared)]
    public void Decide_WhenAnotherOwnerHoldsIt_OnlySharedJoinsShared(bool heldShared, bool askShared, LockDecision expected)
    {
        var table = new LockTable<Fd>();
        table.Add(Direct("/img/a", heldShared), "/img/a", new Fd(), 100);
        Assert.Equal(expected, table.Decide(Direct("/img/a", askShared), 200));
    }

    [Fact]
    public void Decide_WhenTheSameOwnerAsksAgainShared_IsBusy()
    {
        var table = new LockTable<Fd>();
        table.Add(Direct("/img/a", shared: true), "/img/a", new Fd(), 100);
        Assert.Equal(LockDecision.Busy, table.Decide(Direct("/img/a", shared: true), 100));
    }

    [Fact]
    public void Decide_KeysByLockFilePath_SoTwoDisksWithOneHashConflict()
    {
        var table = new LockTable<Fd>();
        table.Add(Hashed("abc"), "/img/a", new Fd(), 100);
        Assert.Equal(LockDecision.Busy, table.Decide(Hashed("abc"), 200));
        Assert.Equal(LockDecision.TakeKernelLock, table.Decide(Hashed("abd"), 200));
    }

    [Fact]
    public void Add_WhenAlreadyPresent_Throws()
    {
        var table = new LockTable<Fd>();
        table.Add(Direct("/img/a"), "/img/a", new Fd(), 100);
        Assert.Throws<InvalidOperationException>(() => table.Add(Direct("/img/a"), "/img/a", new Fd(), 200));
    }

    [Fact]
    public void Release_WhenUnknown_IsNotLocked()
    {
        var table = new LockTable<Fd>();
        Assert.Equal(ReleaseOutcome.NotLocked, table.Release("/img/a", 100, out _));
    }

    [Fact]
    public void Release_ByAnotherPid_IsNotOwnerAndKeepsTheLock()
    {
        var table = new LockTable<Fd>();
        table.Add(Direct("/img/a"), "/img/a", new Fd(), 100);
        Assert.Equal(ReleaseOutcome.NotOwner, table.Release("/img/a", 200, out var gone));
        Assert.Null(gone);
        Assert.Equal([100], table.Find("/img/a")!.Owners);
    }

    [Fact]
    public void Release_OfSharedLock_KeepsKernelLockUntilTheLastOwnerLeaves()
    {
        var table = new LockTable<Fd>();
        var fd = new Fd();
        table.Add(Direct("/img/a", shared: true), "/img/a", fd, 100);
        table.JoinShared(Direct("/img/a", shared: true), 200);

        Assert.Equal(ReleaseOutcome.OthersStillHold, table.Release("/img/a", 100, out var first));
        Assert.Null(first);
        Assert.Equal(ReleaseOutcome.LastOwnerGone, table.Release("/img/a", 200, out var last));
        Assert.Same(fd, last!.Handle);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void ReleaseAll_ReturnsOnlyLocksNobodyElseHolds()
    {
        var table = new LockTable<Fd>();
        table.Add(Direct("/img/a"), "/img/a", new Fd(), 100);
        table.Add(Direct("/img/s", shared: true), "/img/s", new Fd(), 100);
        table.JoinShared(Direct("/img/s", shared: true), 200);
        table.Add(Direct("/img/b"), "/img/b", new Fd(), 200);

        var gone = table.ReleaseAll(100);

        Assert.Equal(["/img/a"], gone.Select(h => h.Resource.LockFilePath));
        Assert.Equal(["/img/b", "/img/s"], table.HeldBy(200).Select(h => h.Resource.LockFilePath));
        Assert.Empty(table.HeldBy(100));
        Assert.Equal(new HashSet<int> { 200 }, table.OwnerPids);
    }

    [Fact]
    public void JoinShared_WhenHeldExclusive_Throws()
    {
        var table = new LockTable<Fd>();
        table.Add(Direct("/img/a"), "/img/a", new Fd(), 100);
        Assert.Throws<InvalidOperationException>(() => table.JoinShared(Direct("/img/a", shared: true), 200));
    }
}
