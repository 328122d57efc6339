using Sanlock.OnDisk;

namespace Sanlock.UnitTests.Leases;

/// <summary>Whole lockspace areas in memory for snapshot tests: freshly initialised, with slots set by hand.</summary>
internal static class LockspaceAreas
{
    public static readonly LeaseGeometry Geometry = LeaseGeometry.Default;

    public static byte[] Fresh()
    {
        var area = new byte[Geometry.AlignSize];
        LockspaceFormat.BuildCommitted(area, Geometry, new LeaseName("LS"), 10);
        return area;
    }

    public static void WriteSlot(byte[] area, int hostId, ulong owner, ulong generation, ulong timestamp)
    {
        var slot = LockspaceLayout.Slot(area.AsSpan(), Geometry, hostId);
        (Leader.Decode(slot) with { OwnerId = owner, OwnerGeneration = generation, Timestamp = timestamp }).Encode(slot);
    }
}
