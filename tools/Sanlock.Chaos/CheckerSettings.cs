namespace Sanlock.Chaos;

/// <summary>The timing the checker holds the daemons to (sanlock-disk-format.md §6.1 with T = io_timeout).</summary>
public sealed record CheckerSettings(
    int IoTimeoutSeconds = 1,
    int KillGraceSeconds = 40,
    int WatchdogFireSeconds = 60,
    int OverlapToleranceMs = 100,
    int SlackSeconds = 10)
{
    public long RenewalFailMs => 8_000L * IoTimeoutSeconds;

    /// <summary>A host that stopped renewing at F has renewed for the last time no earlier than F − 2T, so no other
    /// host may take its leases before F − 2T + (8T + W).</summary>
    public long ProtectedMs => (6_000L * IoTimeoutSeconds) + (1_000L * WatchdogFireSeconds);
}
