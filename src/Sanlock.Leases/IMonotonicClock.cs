namespace Sanlock.Leases;

/// <summary>
/// Time as the lease algorithms see it: the host's monotonic seconds (what sanlock writes into
/// timestamps) and sleeping. Production uses CLOCK_MONOTONIC; the simulation a virtual clock.
/// </summary>
public interface IMonotonicClock
{
    /// <summary>Monotonic time in seconds since boot (what goes into on-disk timestamps).</summary>
    ulong NowSeconds { get; }

    /// <summary>Monotonic time with sub-second precision, for waits and deadlines.</summary>
    TimeSpan Now { get; }

    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default);
}
