using Microsoft.Extensions.Hosting;

namespace Sanlock.Daemon.Hosting;

/// <summary>
/// Gives memory back to the system after bursts: every 2 s, when more than 2 MiB were allocated since the last
/// time, a full compacting collection that also decommits free regions. A burst of clients otherwise leaves the
/// GC holding a 4 MiB region per generation for good; a daemon on every hypervisor host should stay small.
/// </summary>
internal sealed class MemoryTrimService : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const long Threshold = 2 << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long trimmedAt = GC.GetTotalAllocatedBytes();
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            long allocated = GC.GetTotalAllocatedBytes();
            if (allocated - trimmedAt > Threshold)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                trimmedAt = GC.GetTotalAllocatedBytes();
            }
        }
    }
}
