using System.Buffers.Binary;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Delta;

/// <summary>The delta leases a renewal read (slots 1..<see cref="SlotCount"/>), and when.</summary>
public sealed class LockspaceSnapshot
{
    private readonly byte[] _area;
    private int _highestUsedSlot = -1;

    public LockspaceSnapshot(byte[] area, LeaseGeometry geometry, TimeSpan readStarted, TimeSpan readCompleted)
    {
        _area = area;
        Geometry = geometry;
        ReadStarted = readStarted;
        ReadCompleted = readCompleted;
    }

    public LeaseGeometry Geometry { get; }

    /// <summary>Local time the read was issued: what it shows was on disk no earlier than this.</summary>
    public TimeSpan ReadStarted { get; }

    /// <summary>Local time the read completed: a change it shows landed no later than this.</summary>
    public TimeSpan ReadCompleted { get; }

    public int SlotCount => Math.Min(_area.Length / Geometry.SectorSize, Geometry.MaxHosts);

    public ReadOnlySpan<byte> Slot(int hostId) => LockspaceLayout.Slot(_area, Geometry, hostId);

    /// <summary>
    /// The largest host_id whose slot was ever joined. Joining writes owner_id = host_id (§6.2 step 5), so a slot
    /// whose owner_id, owner_generation and timestamp are all 0 (as <c>direct init</c> or zeroing leaves it)
    /// has no member; any other content, garbage included, counts as used. 0 when none.
    /// </summary>
    public int HighestUsedSlot()
    {
        if (_highestUsedSlot < 0)
        {
            _highestUsedSlot = FindHighestUsedSlot();
        }

        return _highestUsedSlot;
    }

    private int FindHighestUsedSlot()
    {
        for (int hostId = SlotCount; hostId >= 1; hostId--)
        {
            var slot = Slot(hostId);
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
