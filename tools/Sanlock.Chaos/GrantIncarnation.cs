using System.Globalization;
using Sanlock.OnDisk;

namespace Sanlock.Chaos;

/// <summary>
/// Which incarnation of its host an exclusive lease was granted under: the leader's owner and owner_generation as
/// on disk right after the grant, and the host's lockspace generation then. A leader naming an older generation of
/// the holder's own host is held by a dead incarnation: any other host may take it at once (§7.4 c). The real
/// 3.8.5 does this to an acquire that waited across its lockspace's failure and re-add (soak seed 1304).
/// </summary>
public static class GrantIncarnation
{
    /// <summary>"leader=OWNER/GEN lockspace_generation=G" (−1 where it could not be read).</summary>
    public static string Describe(string leaseFile, long hostGeneration)
    {
        long owner = -1;
        long generation = -1;
        try
        {
            var sector = new byte[512];
            using (var file = File.OpenRead(leaseFile))
            {
                file.ReadExactly(sector);
            }
            var leader = Leader.Decode(sector);
            (owner, generation) = ((long)leader.OwnerId, (long)leader.OwnerGeneration);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return string.Create(CultureInfo.InvariantCulture, $"leader={owner}/{generation} lockspace_generation={hostGeneration}");
    }

    /// <summary>True when the detail of an acquisition on <paramref name="host"/> shows its leader naming an older
    /// generation of that host than the one its lockspace had at the grant.</summary>
    public static bool IsStale(int host, string detail)
    {
        long owner = -1, leaderGeneration = -1, lockspaceGeneration = -1;
        foreach (var field in detail.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (field[..Math.Max(0, field.IndexOf('='))], field[(field.IndexOf('=') + 1)..]);
            switch (key)
            {
                case "leader":
                    var parts = value.Split('/');
                    if (parts.Length == 2)
                    {
                        _ = long.TryParse(parts[0], CultureInfo.InvariantCulture, out owner);
                        _ = long.TryParse(parts[1], CultureInfo.InvariantCulture, out leaderGeneration);
                    }
                    break;
                case "lockspace_generation":
                    _ = long.TryParse(value, CultureInfo.InvariantCulture, out lockspaceGeneration);
                    break;
            }
        }
        return owner == host && leaderGeneration > 0 && lockspaceGeneration > leaderGeneration;
    }
}
