namespace Sanlock.Leases.Paxos;

/// <summary>
/// Ballot numbers are unique per host: mbal mod max_hosts = host_id, rising by max_hosts per retry.
/// </summary>
/// <remarks>sanlock-disk-format.md §7.3.</remarks>
public static class BallotNumbers
{
    /// <summary>The first mbal of an acquire after seeing <paramref name="maxMbal"/> on disk.</summary>
    public static ulong First(ulong maxMbal, ulong maxHosts, int hostId)
    {
        ArgumentOutOfRangeException.ThrowIfZero(maxHosts);
        return maxMbal == 0 ? (ulong)hostId : maxMbal - (maxMbal % maxHosts) + maxHosts + (ulong)hostId;
    }

    /// <summary>The mbal after an aborted ballot.</summary>
    public static ulong Next(ulong mbal, ulong maxHosts) => mbal + maxHosts;
}
