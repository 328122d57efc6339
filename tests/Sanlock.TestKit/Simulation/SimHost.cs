namespace Sanlock.TestKit.Simulation;

/// <summary>
/// A simulated machine as the scheduler sees it: it can crash (its pending work is dropped for good) or
/// pause (its work is not run until the pause ends; the disk and other hosts carry on).
/// </summary>
public sealed class SimHost
{
    internal SimHost(int id, TimeSpan bootOffset)
    {
        Id = id;
        BootOffset = bootOffset;
    }

    public int Id { get; }

    /// <summary>Added to virtual time to give this host's monotonic clock (hosts booted at different times).</summary>
    public TimeSpan BootOffset { get; }

    public bool IsCrashed { get; private set; }

    public TimeSpan PausedUntil { get; private set; }

    public TimeSpan? CrashedAt { get; private set; }

    public void Crash(TimeSpan now)
    {
        if (!IsCrashed)
        {
            IsCrashed = true;
            CrashedAt = now;
        }
    }

    /// <summary>Stops scheduling this host until <paramref name="until"/> (virtual time).</summary>
    public void PauseUntil(TimeSpan until)
    {
        if (until > PausedUntil)
        {
            PausedUntil = until;
        }
    }

    public override string ToString() => $"host {Id}";
}
