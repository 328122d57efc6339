namespace Sanlock.Leases;

/// <summary>
/// Every lease timing, derived from one io_timeout T exactly as sanlock 3.8.5 does; the watchdog fire
/// timeout W is the fixed 60 s of 3.8.5.
/// </summary>
/// <remarks>sanlock-disk-format.md §6.1.</remarks>
public sealed record Timeouts
{
    /// <summary>W: /dev/watchdog fires this long after the last keepalive (fixed in 3.8.5).</summary>
    public const int WatchdogFireSeconds = 60;

    /// <summary>sanlock's io_timeout when none is configured.</summary>
    public const int DefaultIoTimeoutSeconds = 10;

    public Timeouts(int ioTimeoutSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ioTimeoutSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ioTimeoutSeconds, byte.MaxValue);
        IoTimeoutSeconds = ioTimeoutSeconds;
    }

    public static Timeouts Default { get; } = new(DefaultIoTimeoutSeconds);

    /// <summary>T, stored in byte 174 of a delta lease (only the low 8 bits are written).</summary>
    public int IoTimeoutSeconds { get; }

    public TimeSpan IoTimeout => Seconds(IoTimeoutSeconds);

    /// <summary>2T: interval between successful renewals.</summary>
    public TimeSpan IdRenewal => Seconds(2 * IoTimeoutSeconds);

    /// <summary>6T: a renewal gap this long is logged as a warning.</summary>
    public TimeSpan IdRenewalWarn => Seconds(6 * IoTimeoutSeconds);

    /// <summary>8T: no renewal success for this long fails the lockspace; also the watchdog expiry after the last success.</summary>
    public TimeSpan IdRenewalFail => Seconds(8 * IoTimeoutSeconds);

    public static TimeSpan WatchdogFire => Seconds(WatchdogFireSeconds);

    /// <summary>8T + W: a host is certainly dead (reset by its watchdog) this long after its last renewal.</summary>
    public TimeSpan HostDead => Seconds((8 * IoTimeoutSeconds) + WatchdogFireSeconds);

    /// <summary>8T: the Chockler/Malkhi wait, superseded by <see cref="DeltaAcquireHeldWait"/>.</summary>
    public TimeSpan DeltaLargeDelay => Seconds(8 * IoTimeoutSeconds);

    /// <summary>max(8T + W, 8T) = 8T + W: wait before taking a host_id slot that is not free.</summary>
    public TimeSpan DeltaAcquireHeldWait => HostDead > DeltaLargeDelay ? HostDead : DeltaLargeDelay;

    /// <summary>2T: wait after writing a delta lease during acquire, before the confirming read.</summary>
    public TimeSpan DeltaShortDelay => Seconds(2 * IoTimeoutSeconds);

    /// <summary>8T + W: how long the renewal write is given.</summary>
    public TimeSpan RenewalWriteTimeout => HostDead;

    /// <summary>6T: how long a request/event bit stays set in the host bitmap.</summary>
    public TimeSpan SetBitmap => Seconds(6 * IoTimeoutSeconds);

    /// <summary>Upper bound of the random back-off after an aborted ballot.</summary>
    public static TimeSpan PaxosRetryBackoffMax => TimeSpan.FromSeconds(1);

    /// <summary>
    /// The timings of another host: its io_timeout as read from its delta lease, or this host's own when
    /// the other host's field is 0.
    /// </summary>
    public Timeouts ForOtherHost(int ioTimeoutOnDisk) =>
        ioTimeoutOnDisk <= 0 || ioTimeoutOnDisk == IoTimeoutSeconds ? this : new Timeouts(Math.Min(ioTimeoutOnDisk, byte.MaxValue));

    private static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);
}
