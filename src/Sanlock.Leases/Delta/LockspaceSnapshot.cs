using System.Buffers.Binary;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Delta;

/// <summary>The delta leases a renewal read (slots 1..<see cref="SlotCount"/>), and when.</summary>
/// <remarks>
/// Kept compact: the slots up to the highest used one are copied, and the unused slots after it, which
/// <c>direct init</c> leaves byte-identical, are kept as one template sector (the whole area is copied only when
/// they differ). A renewal every 2T then keeps a few sectors per lockspace instead of a 1 MiB array.
/// </remarks>
public sealed class LockspaceSnapshot
{
    private readonly byte[] _used;
    private readonly byte[]? _unusedTemplate;
    private readonly int _highestUsedSlot;

    private LockspaceSnapshot(byte[] used, byte[]? unusedTemplate, int slotCount, int highestUsedSlot, LeaseGeometry geometry, TimeSpan readStarted, TimeSpan readCompleted)
    {
        _used = used;
        _unusedTemplate = unusedTemplate;
        SlotCount = slotCount;
        _highestUsedSlot = highestUsedSlot;
        Geometry = geometry;
        ReadStarted = readStarted;
        ReadCompleted = readCompleted;
    }

    public LeaseGeometry Geometry { get; }

    /// <summary>Local time the read was issued: what it shows was on disk no earlier than this.</summary>
    public TimeSpan ReadStarted { get; }

    /// <summary>Local time the read completed: a change it shows landed no later than this.</summary>
    public TimeSpan ReadCompleted { get; }

    public int SlotCount { get; }

    /// <summary>Copies what it needs of <paramref name="area"/> (the sectors read, slot 1 first).</summary>
    public static LockspaceSnapshot FromArea(ReadOnlySpan<byte> area, LeaseGeometry geometry, TimeSpan readStarted, TimeSpan readCompleted)
    {
        int sector = geometry.SectorSize;
        int slotCount = Math.Min(area.Length / sector, geometry.MaxHosts);
        int highest = FindHighestUsedSlot(area, geometry, slotCount);
        if (highest == slotCount)
        {
            return new LockspaceSnapshot(area[..(slotCount * sector)].ToArray(), null, slotCount, highest, geometry, readStarted, readCompleted);
        }

        var template = LockspaceLayout.Slot(area, geometry, highest + 1);
        for (int hostId = highest + 2; hostId <= slotCount; hostId++)
        {
            if (!LockspaceLayout.Slot(area, geometry, hostId).SequenceEqual(template))
            {
                return new LockspaceSnapshot(area[..(slotCount * sector)].ToArray(), null, slotCount, highest, geometry, readStarted, readCompleted);
            }
        }

        return new LockspaceSnapshot(area[..(highest * sector)].ToArray(), template.ToArray(), slotCount, highest, geometry, readStarted, readCompleted);
    }

    public ReadOnlySpan<byte> Slot(int hostId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hostId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hostId, SlotCount);
        return _unusedTemplate is not null && hostId > _highestUsedSlot
            ? _unusedTemplate
            : LockspaceLayout.Slot(_used, Geometry, hostId);
    }

    /// <summary>
    /// The largest host_id whose slot was ever joined. Joining writes owner_id = host_id (§6.2 step 5), so a slot
    /// whose owner_id, owner_generation and timestamp are all 0 (as <c>direct init</c> or zeroing leaves it)
    /// has no member; any other content, garbage included, counts as used. 0 when none.
    /// </summary>
    public int HighestUsedSlot() => _highestUsedSlot;

    private static int FindHighestUsedSlot(ReadOnlySpan<byte> area, LeaseGeometry geometry, int slotCount)
    {
        for (int hostId = slotCount; hostId >= 1; hostId--)
        {
            var slot = LockspaceLayout.Slot(area, geometry, hostId);
            if (BinaryPrimitives.ReadUInt64LittleEndian(slot[Leader.OwnerIdOffset..]) != 0
                || BinaryPrimitives.ReadUInt64LittleEndian(slot[Leader.OwnerGenerationOffset..]) != 0
                || BinaryPrimitives.ReadUInt64LittleEndian(slot[Leader.TimestampOffset..]) != 0)
            {
                return hostId;
            }
        }

        return 0;
    }
}
