using Sanlock.OnDisk;

namespace Sanlock.Leases.Delta;

/// <summary>The delta leases a renewal read (slots 1..<see cref="SlotCount"/>), and when.</summary>
public sealed class LockspaceSnapshot
{
    private readonly byte[] _area;

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
}
