namespace Sanlock.TestKit.Simulation;

/// <summary>Per-I/O fault probabilities of a simulated disk view (all 0 = a perfect disk).</summary>
public sealed record SimFaults
{
    public static SimFaults None { get; } = new();

    /// <summary>The host crashes instead of issuing the I/O (so crashes fall between any two I/Os).</summary>
    public double CrashBeforeIo { get; init; }

    /// <summary>The I/O fails with EIO without touching the disk.</summary>
    public double Eio { get; init; }

    /// <summary>The I/O takes longer than io_timeout: the caller gets a timeout, the I/O still lands later.</summary>
    public double DelayPastTimeout { get; init; }

    /// <summary>A multi-sector I/O is applied in up to this many pieces with scheduling points between.</summary>
    public int MaxPieces { get; init; } = 4;

    /// <summary>Normal latency is uniform in [0, this).</summary>
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromMilliseconds(2);
}
