using Sanlock.OnDisk;

namespace Sanlock.InteropTests.Direct;

/// <summary>Lease file images for tests, built with the OnDisk records (the format builders are checked elsewhere).</summary>
internal static class LeaseImages
{
    public static byte[] Lockspace(string name = "LS", int areas = 1)
    {
        var geometry = LeaseGeometry.Default;
        var image = new byte[areas * geometry.AlignSize];
        LockspaceFormat.BuildCommitted(image.AsSpan(0, geometry.AlignSize), geometry, new LeaseName(name), 10);
        return image;
    }

    public static byte[] Resource(string space = "LS", string name = "R1", int numHosts = 0, LeaseGeometry? geometry = null)
    {
        var g = geometry ?? LeaseGeometry.Default;
        var image = new byte[g.AlignSize];
        ResourceFormat.Build(image, g, new LeaseName(space), new LeaseName(name), numHosts);
        return image;
    }

    /// <summary>Rewrites the leader at <paramref name="offset"/> with <paramref name="change"/> applied and a fresh checksum.</summary>
    public static void EditLeader(byte[] image, int offset, Func<Leader, Leader> change, bool keepOldChecksum = false)
    {
        var leader = change(Leader.Decode(image.AsSpan(offset)));
        if (keepOldChecksum)
        {
            leader.EncodeWithStoredChecksum(image.AsSpan(offset));
        }
        else
        {
            leader.Encode(image.AsSpan(offset));
        }
    }
}
