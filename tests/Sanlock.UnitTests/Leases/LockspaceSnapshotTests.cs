using Sanlock.Leases.Delta;
using Sanlock.OnDisk;

namespace Sanlock.UnitTests.Leases;

public sealed class LockspaceSnapshotTests
{
    private static readonly LeaseGeometry Geometry = LockspaceAreas.Geometry;

    [Fact]
    public void FromArea_WithIdenticalUnusedSlots_ReturnsEverySlotAsRead()
    {
        var area = LockspaceAreas.Fresh();
        LockspaceAreas.WriteSlot(area, 2, owner: 2, generation: 5, timestamp: 777);
        LockspaceAreas.WriteSlot(area, 7, owner: 7, generation: 1, timestamp: 0);

        AssertSameSlots(area, LockspaceSnapshot.FromArea(area, Geometry, default, default));
    }

    [Fact]
    public void FromArea_WhenAnUnusedSlotDiffersFromTheOthers_StillReturnsItAsRead()
    {
        var area = LockspaceAreas.Fresh();
        LockspaceAreas.WriteSlot(area, 3, owner: 3, generation: 2, timestamp: 99);
        var slot900 = LockspaceLayout.Slot(area.AsSpan(), Geometry, 900);
        (Leader.Decode(slot900) with { IoTimeout = 42 }).Encode(slot900);   // owner, generation, timestamp still 0

        var snapshot = LockspaceSnapshot.FromArea(area, Geometry, default, default);

        Assert.Equal(3, snapshot.HighestUsedSlot());
        AssertSameSlots(area, snapshot);
    }

    [Fact]
    public void FromArea_OfAnAreaNeverJoined_ReturnsEverySlotAsRead()
    {
        var area = LockspaceAreas.Fresh();
        var snapshot = LockspaceSnapshot.FromArea(area, Geometry, default, default);

        Assert.Equal(0, snapshot.HighestUsedSlot());
        AssertSameSlots(area, snapshot);
    }

    [Fact]
    public void Slot_OutsideTheArea_Throws()
    {
        var snapshot = LockspaceSnapshot.FromArea(LockspaceAreas.Fresh(), Geometry, default, default);

        Assert.Throws<ArgumentOutOfRangeException>(() => snapshot.Slot(0).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => snapshot.Slot(snapshot.SlotCount + 1).Length);
    }

    private static void AssertSameSlots(byte[] area, LockspaceSnapshot snapshot)
    {
        Assert.Equal(Geometry.MaxHosts, snapshot.SlotCount);
        for (int hostId = 1; hostId <= snapshot.SlotCount; hostId++)
        {
            Assert.True(snapshot.Slot(hostId).SequenceEqual(LockspaceLayout.Slot(area.AsSpan(), Geometry, hostId)), $"slot {hostId} differs");
        }
    }
}
