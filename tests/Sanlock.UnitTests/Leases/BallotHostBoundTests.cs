using Sanlock.Leases;
using Sanlock.Leases.Delta;
using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;

namespace Sanlock.UnitTests.Leases;

public sealed class BallotHostBoundTests
{
    private static readonly LeaseGeometry Geometry = LockspaceAreas.Geometry;

    [Fact]
    public void FreshlyInitialisedLockspace_HasNoUsedSlot()
    {
        Assert.Equal(0, Snapshot(LockspaceAreas.Fresh()).HighestUsedSlot());
    }

    [Fact]
    public void JoinedReleasedAndGarbageSlots_AllCountAsUsed()
    {
        var area = LockspaceAreas.Fresh();
        LockspaceAreas.WriteSlot(area, 3, owner: 3, generation: 1, timestamp: 0);   // joined once, released since
        Assert.Equal(3, Snapshot(area).HighestUsedSlot());
        LockspaceAreas.WriteSlot(area, 40, owner: 40, generation: 2, timestamp: 1234);
        Assert.Equal(40, Snapshot(area).HighestUsedSlot());
        area.AsSpan(1499 * Geometry.SectorSize, Geometry.SectorSize).Fill(0xA5);   // slot 1500
        Assert.Equal(1500, Snapshot(area).HighestUsedSlot());
    }

    [Fact]
    public void ZeroedSlots_CountAsUnused()
    {
        var area = LockspaceAreas.Fresh();
        LockspaceAreas.WriteSlot(area, 2, owner: 2, generation: 1, timestamp: 99);
        area.AsSpan(10 * Geometry.SectorSize, Geometry.SectorSize).Clear();
        Assert.Equal(2, Snapshot(area).HighestUsedSlot());
    }

    [Theory]
    [InlineData(2000, 1, 3, 3)]      // reads up to the highest used host_id
    [InlineData(2000, 7, 3, 7)]      // always including its own dblock
    [InlineData(4, 1, 3, 3)]
    [InlineData(2, 1, 3, 2)]         // never beyond num_hosts
    public void HostsToRead_IsTheBoundOrOwnHostWithinNumHosts(int numHosts, int ownHostId, int maxHostId, int expected)
    {
        var bound = new BallotHostBound(maxHostId, TimeSpan.FromSeconds(10), KnownSlots: 2000);
        Assert.Equal(expected, bound.HostsToRead(numHosts, ownHostId));
    }

    [Fact]
    public void ABoundFromAPartialScan_DoesNotCoverLargerLeases()
    {
        var bound = new BallotHostBound(3, TimeSpan.FromSeconds(10), KnownSlots: 8);
        Assert.Equal(3, bound.HostsToRead(8, 1));
        Assert.Equal(2000, bound.HostsToRead(2000, 1));
        Assert.Equal(2000, BallotHostBound.All.HostsToRead(2000, 1));
    }

    [Fact]
    public void ABound_CoversOnlyReadsCompletedBeforeItLapses()
    {
        var bound = new BallotHostBound(3, TimeSpan.FromSeconds(10), 2000);
        Assert.True(bound.Covers(TimeSpan.FromSeconds(9.999)));
        Assert.False(bound.Covers(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Scanner_ReusesARecentScan_AndRescansAfterReuseFor()
    {
        var clock = new ManualClock();
        int reads = 0;
        var area = LockspaceAreas.Fresh();
        LockspaceAreas.WriteSlot(area, 2, owner: 2, generation: 1, timestamp: 5);
        var scanner = new BallotHostScanner(_ => { reads++; return Task.FromResult(Snapshot(area, clock.Now)); }, clock, BallotScanPolicy.Default);

        var first = await scanner.CurrentAsync(1, CancellationToken.None);
        Assert.Equal(new BallotHostBound(2, clock.Now + TimeSpan.FromSeconds(1.5), 2000), first);
        clock.Now += TimeSpan.FromSeconds(0.9);
        Assert.Equal(first, await scanner.CurrentAsync(1, CancellationToken.None));
        Assert.Equal(1, reads);

        LockspaceAreas.WriteSlot(area, 9, owner: 9, generation: 1, timestamp: 6);
        clock.Now += TimeSpan.FromSeconds(0.2);
        var second = await scanner.CurrentAsync(1, CancellationToken.None);
        Assert.Equal(2, reads);
        Assert.Equal(9, second.MaxHostId);
        Assert.Equal(clock.Now + TimeSpan.FromSeconds(1.5), second.ValidUntil);
    }

    [Fact]
    public async Task Scanner_SharesOneReadBetweenConcurrentCallers()
    {
        var clock = new ManualClock();
        int reads = 0;
        var gate = new TaskCompletionSource<LockspaceSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        var scanner = new BallotHostScanner(_ => { reads++; return gate.Task; }, clock, BallotScanPolicy.Default);
        var callers = Enumerable.Range(1, 5).Select(h => scanner.CurrentAsync(h, CancellationToken.None).AsTask()).ToArray();
        gate.SetResult(Snapshot(LockspaceAreas.Fresh(), clock.Now));
        var bounds = await Task.WhenAll(callers);
        Assert.Equal(1, reads);
        Assert.Equal([1, 2, 3, 4, 5], bounds.Select(b => b.MaxHostId));
    }

    [Fact]
    public async Task RenewalsRefreshTheScan_UnlessThePolicySaysNot()
    {
        var clock = new ManualClock { Now = TimeSpan.FromSeconds(100) };
        int reads = 0;
        var area = LockspaceAreas.Fresh();
        var scanner = new BallotHostScanner(_ => { reads++; return Task.FromResult(Snapshot(area, clock.Now)); }, clock, BallotScanPolicy.Default);
        scanner.OfferRenewal(Snapshot(area, clock.Now));
        _ = await scanner.CurrentAsync(1, CancellationToken.None);
        Assert.Equal(0, reads);

        var stale = new BallotHostScanner(_ => { reads++; return Task.FromResult(Snapshot(area, clock.Now)); }, clock,
            BallotScanPolicy.Default with { RenewalsRefresh = false });
        stale.OfferRenewal(Snapshot(area, clock.Now));
        _ = await stale.CurrentAsync(1, CancellationToken.None);
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task PolicyOff_ReadsEveryDblockWithoutScanning()
    {
        int reads = 0;
        var scanner = new BallotHostScanner(_ => { reads++; return Task.FromResult(Snapshot(LockspaceAreas.Fresh())); }, new ManualClock(), BallotScanPolicy.Off);
        Assert.Equal(BallotHostBound.All, await scanner.CurrentAsync(1, CancellationToken.None));
        Assert.Equal(0, reads);
    }

    private static LockspaceSnapshot Snapshot(byte[] area, TimeSpan at = default) => LockspaceSnapshot.FromArea(area, Geometry, at, at);


    private sealed class ManualClock : IMonotonicClock
    {
        public TimeSpan Now { get; set; } = TimeSpan.FromSeconds(50);

        public ulong NowSeconds => (ulong)Now.TotalSeconds;

        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default)
        {
            Now += delay;
            return Task.CompletedTask;
        }
    }
}
