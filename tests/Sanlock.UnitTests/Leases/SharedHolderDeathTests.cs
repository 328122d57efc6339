using Sanlock.Leases;
using Sanlock.Leases.Delta;
using Sanlock.OnDisk;

namespace Sanlock.UnitTests.Leases;

/// <summary>
/// Whether a shared holder is proven dead decides whether its mode block may be cleared, after which an exclusive
/// holder can be granted beside it: the judgement must rest on what the tracker saw of that very incarnation.
/// </summary>
public sealed class SharedHolderDeathTests
{
    private static readonly LeaseGeometry Geometry = LeaseGeometry.Default;
    private static readonly LeaseName Space = new("LS");

    [Fact]
    public async Task AHostThatJoinedAfterTheTrackerLastLooked_IsNotDead()
    {
        // Found by the late-joiner simulation (seed 200182): host 5's tracker last saw host 1's slot blank, then
        // host 5 stopped renewing; host 1 joined and took a shared lease; host 5 judged it dead from the blank record.
        var disk = new MemoryDisk(Geometry.AlignSize);
        var clock = new StepClock();
        var lockspace = new Lockspace(disk, 0, Geometry, Space, 2, new LeaseName("h2"), new Timeouts(1), clock);
        lockspace.Tracker.Observe(await lockspace.Delta.ReadAreaAsync(TestContext.Current.CancellationToken), Space);   // slot 1 blank
        clock.Now += TimeSpan.FromSeconds(100);
        disk.WriteSlot(1, owner: 1, generation: 1, timestamp: 5_000);

        Assert.False(await lockspace.IsHostDeadAsync(1, 1, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AHostSilentFor8TPlusWSinceTheTrackerSawItRenew_IsDead()
    {
        var disk = new MemoryDisk(Geometry.AlignSize);
        var clock = new StepClock();
        var lockspace = new Lockspace(disk, 0, Geometry, Space, 2, new LeaseName("h2"), new Timeouts(1), clock);
        disk.WriteSlot(1, owner: 1, generation: 1, timestamp: 5_000);
        lockspace.Tracker.Observe(await lockspace.Delta.ReadAreaAsync(TestContext.Current.CancellationToken), Space);
        clock.Now += TimeSpan.FromSeconds(1);
        disk.WriteSlot(1, owner: 1, generation: 1, timestamp: 5_002);
        lockspace.Tracker.Observe(await lockspace.Delta.ReadAreaAsync(TestContext.Current.CancellationToken), Space);   // seen renewing
        clock.Now += TimeSpan.FromSeconds(70);
        lockspace.Tracker.Observe(await lockspace.Delta.ReadAreaAsync(TestContext.Current.CancellationToken), Space);   // silent since: 70 s > 8T + W = 68 s

        Assert.True(await lockspace.IsHostDeadAsync(1, 1, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AHostThatRenewedSinceTheTrackersLastLook_IsNotDead()
    {
        var disk = new MemoryDisk(Geometry.AlignSize);
        var clock = new StepClock();
        var lockspace = new Lockspace(disk, 0, Geometry, Space, 2, new LeaseName("h2"), new Timeouts(1), clock);
        disk.WriteSlot(1, owner: 1, generation: 1, timestamp: 5_000);
        lockspace.Tracker.Observe(await lockspace.Delta.ReadAreaAsync(TestContext.Current.CancellationToken), Space);
        clock.Now += TimeSpan.FromSeconds(100);
        lockspace.Tracker.Observe(await lockspace.Delta.ReadAreaAsync(TestContext.Current.CancellationToken), Space);   // silent for 100 s as far as the tracker knows
        disk.WriteSlot(1, owner: 1, generation: 1, timestamp: 5_100);              // but it renewed since

        Assert.False(await lockspace.IsHostDeadAsync(1, 1, TestContext.Current.CancellationToken));
    }

    private sealed class MemoryDisk(int size) : ILeaseDisk
    {
        private readonly byte[] _bytes = Format(size);

        public string Path => "/memory/lockspace";

        public int DeviceSectorSize => 512;

        public AlignedBuffer AllocateBuffer(int length) => new(length);

        public ValueTask ReadAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default)
        {
            _bytes.AsSpan((int)offset, length).CopyTo(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask WriteAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default)
        {
            buffer.Span[..length].CopyTo(_bytes.AsSpan((int)offset, length));
            return ValueTask.CompletedTask;
        }

        public void WriteSlot(int hostId, ulong owner, ulong generation, ulong timestamp)
        {
            var slot = LockspaceLayout.Slot(_bytes.AsSpan(), Geometry, hostId);
            var leader = Leader.Decode(slot) with { OwnerId = owner, OwnerGeneration = generation, Timestamp = timestamp, IoTimeout = 1 };
            leader.Encode(slot);
        }

        public void Dispose()
        {
        }

        private static byte[] Format(int size)
        {
            var area = new byte[size];
            LockspaceFormat.BuildCommitted(area, Geometry, Space, 1);
            return area;
        }
    }

    private sealed class StepClock : IMonotonicClock
    {
        public TimeSpan Now { get; set; } = TimeSpan.FromSeconds(1_000);

        public ulong NowSeconds => (ulong)Now.TotalSeconds;

        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default)
        {
            Now += delay;
            return Task.CompletedTask;
        }
    }
}
