namespace Sanlock.Leases.Delta;

/// <summary>How a lockspace bounds the dblocks its ballots read (see <see cref="Paxos.BallotHostBound"/>).</summary>
/// <param name="ReuseFor">A scan that began less than this ago is reused.</param>
/// <param name="ValidFor">A scan's bound holds this long after it began; must stay below <see cref="BallotHostScanner.JoinFloor"/>.</param>
public sealed record BallotScanPolicy(TimeSpan ReuseFor, TimeSpan ValidFor)
{
    /// <summary>Renewals read the same area and refresh the scan (off only to show what a stale bound does).</summary>
    public bool RenewalsRefresh { get; init; } = true;

    /// <summary>Rescan after 1 s, trust a scan for 1.5 s: 0.5 s of margin below the 2 s join floor.</summary>
    public static BallotScanPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));

    /// <summary>Every ballot reads all num_hosts dblocks, as sanlock 3.8.5 does.</summary>
    public static BallotScanPolicy Off { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public bool IsOff => ValidFor <= TimeSpan.Zero;
}
