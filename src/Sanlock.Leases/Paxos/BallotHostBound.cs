namespace Sanlock.Leases.Paxos;

/// <summary>
/// The host_ids whose dblocks a ballot must read, and until when that set is complete: no host with a larger
/// host_id can write a dblock of this lockspace's resources before <see cref="ValidUntil"/> (local monotonic
/// time, the clock the lease algorithms use).
/// </summary>
/// <remarks>
/// Why a ballot may skip the others: disk paxos needs every block that a <em>participant</em> may write. Only
/// members of the lockspace take part (§7 "a host may only acquire resources in a lockspace it has joined"),
/// and joining writes the host's slot and then waits 2·T_o ≥ 2 s before it may act (§6.2 steps 5–6). A slot
/// that a scan of the whole lockspace found never written (owner_id, generation and timestamp 0) therefore
/// belongs to a host that cannot write any dblock until 2 s after that scan began. Every slot ever written
/// — live, dead, released or unreadable — stays inside the bound, so a paused or departed host's accepted
/// value is still read. A writer outside the lockspace (<c>direct acquire</c> with no delta lease) gets no
/// exclusion from any daemon anyway: its owner slot reads free and its lease is taken at once (§7.4 b).
/// </remarks>
/// <param name="MaxHostId">The largest host_id that may take part.</param>
/// <param name="ValidUntil">Until when no host beyond <paramref name="MaxHostId"/> can write a dblock.</param>
/// <param name="KnownSlots">Slots the scan covered: it says nothing about host_ids beyond them.</param>
public readonly record struct BallotHostBound(int MaxHostId, TimeSpan ValidUntil, int KnownSlots)
{
    /// <summary>No bound: read every dblock up to num_hosts, as sanlock does.</summary>
    public static BallotHostBound All { get; } = new(int.MaxValue, TimeSpan.MaxValue, int.MaxValue);

    /// <summary>Dblocks to read for a lease of <paramref name="numHosts"/> hosts, including the reader's own.</summary>
    public int HostsToRead(int numHosts, int ownHostId) =>
        numHosts > KnownSlots ? numHosts : Math.Min(numHosts, Math.Max(MaxHostId, ownHostId));

    /// <summary>True when a read that completed at <paramref name="readCompleted"/> saw every participant.</summary>
    public bool Covers(TimeSpan readCompleted) => readCompleted < ValidUntil;
}
