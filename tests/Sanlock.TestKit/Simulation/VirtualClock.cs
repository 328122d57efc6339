using Sanlock.Leases;

namespace Sanlock.TestKit.Simulation;

/// <summary>
/// One host's monotonic clock in the simulation: virtual time plus the host's boot offset. Delays are
/// scheduler work owned by the host, so a paused host oversleeps and a crashed host never wakes.
/// </summary>
public sealed class VirtualClock : IMonotonicClock
{
    private readonly SimScheduler _scheduler;
    private readonly SimHost _host;

    public VirtualClock(SimScheduler scheduler, SimHost host)
    {
        _scheduler = scheduler;
        _host = host;
    }

    public TimeSpan Now => _scheduler.Now + _host.BootOffset;

    public ulong NowSeconds => (ulong)Now.TotalSeconds;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource();
        _scheduler.Schedule(_host, _scheduler.Now + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero), () => done.TrySetResult());
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => _scheduler.Schedule(_host, _scheduler.Now, () => done.TrySetCanceled(cancellationToken)));
        }

        return done.Task;
    }

    /// <summary>Converts this host's monotonic time to virtual (global) time.</summary>
    public TimeSpan ToVirtual(TimeSpan local) => local - _host.BootOffset;
}

/// <summary>Back-off randomness drawn from the simulation's seeded source.</summary>
public sealed class SeededRandomSource(Random random) : IRandomSource
{
    public double NextDouble() => random.NextDouble();
}
