using Microsoft.Extensions.Hosting;
using Sanlock.Daemon.Native;

namespace Sanlock.Daemon.Hosting;

/// <summary>
/// Gives memory back to the system after bursts: once more than 2 MiB were allocated since the last trim and
/// allocation has gone quiet (or 2 s have passed under steady load), a full compacting collection that also
/// decommits free regions, then glibc's malloc_trim. A burst of clients otherwise leaves the GC holding a 4 MiB
/// region per generation for good; a daemon on every hypervisor host should stay small.
/// </summary>
internal sealed class MemoryTrimService : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SteadyLoadInterval = TimeSpan.FromSeconds(2);
    private const long Threshold = 2 << 20;
    private const long Quiet = 64 << 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long trimmedAt = GC.GetTotalAllocatedBytes();
        long lastPoll = trimmedAt;
        var sinceTrim = TimeSpan.Zero;
        using var timer = new PeriodicTimer(Poll);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            long allocated = GC.GetTotalAllocatedBytes();
            sinceTrim += Poll;
            bool quiet = allocated - lastPoll < Quiet;
            lastPoll = allocated;
            if (allocated - trimmedAt > Threshold && (quiet || sinceTrim >= SteadyLoadInterval))
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                // Finalized sockets and file handles free native memory too: glibc keeps it in its arenas unless told.
                _ = LibC.MallocTrim(0);
                trimmedAt = lastPoll = GC.GetTotalAllocatedBytes();
                sinceTrim = TimeSpan.Zero;
            }
        }
    }
}
