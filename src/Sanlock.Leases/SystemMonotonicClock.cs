using System.Diagnostics;

namespace Sanlock.Leases;

/// <summary>
/// CLOCK_MONOTONIC: on Linux <see cref="Stopwatch.GetTimestamp"/> reads it, so <see cref="NowSeconds"/> is the
/// seconds-since-boot value sanlock writes into timestamps.
/// </summary>
public sealed class SystemMonotonicClock : IMonotonicClock
{
    public static SystemMonotonicClock Instance { get; } = new();

    public TimeSpan Now => TimeSpan.FromTicks((long)(Stopwatch.GetTimestamp() * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));

    public ulong NowSeconds => (ulong)(Stopwatch.GetTimestamp() / Stopwatch.Frequency);

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
}
