using Sanlock.Leases.Paxos;

namespace Sanlock.Leases.Delta;

/// <summary>
/// Keeps a recent scan of the lockspace's slots for <see cref="BallotHostBound"/>: reuses a scan that began
/// less than <see cref="BallotScanPolicy.ReuseFor"/> ago, otherwise reads the area again (one read shared by every caller
/// that asks meanwhile). Renewals, which read the same area, count as scans. Timing: <see cref="BallotScanPolicy"/>.
/// </summary>
public sealed class BallotHostScanner
{
    /// <summary>The shortest wait between writing a slot and acting as its member: 2·T_o with T_o ≥ 1 s (§6.2 step 6).</summary>
    public static readonly TimeSpan JoinFloor = TimeSpan.FromSeconds(2);

    private readonly Func<CancellationToken, Task<LockspaceSnapshot>> _readArea;
    private readonly IMonotonicClock _clock;
    private readonly Lock _lock = new();
    private LockspaceSnapshot? _latest;
    private Task<LockspaceSnapshot>? _inFlight;

    public BallotHostScanner(Func<CancellationToken, Task<LockspaceSnapshot>> readArea, IMonotonicClock clock, BallotScanPolicy policy)
    {
        _readArea = readArea;
        _clock = clock;
        Policy = policy;
    }

    public BallotScanPolicy Policy { get; }

    /// <summary>A renewal's read of the area.</summary>
    public void OfferRenewal(LockspaceSnapshot snapshot)
    {
        if (Policy.RenewalsRefresh)
        {
            Offer(snapshot);
        }
    }

    private void Offer(LockspaceSnapshot snapshot)
    {
        lock (_lock)
        {
            if (_latest is null || snapshot.ReadStarted > _latest.ReadStarted)
            {
                _latest = snapshot;
            }
        }
    }

    public async ValueTask<BallotHostBound> CurrentAsync(int ownHostId, CancellationToken cancellationToken)
    {
        if (Policy.IsOff)
        {
            return BallotHostBound.All;
        }

        var snapshot = Fresh() ?? await ScanAsync(cancellationToken).ConfigureAwait(false);
        return new BallotHostBound(Math.Max(snapshot.HighestUsedSlot(), ownHostId), snapshot.ReadStarted + Policy.ValidFor, snapshot.SlotCount);
    }

    private LockspaceSnapshot? Fresh()
    {
        lock (_lock)
        {
            return _latest is { } latest && _clock.Now - latest.ReadStarted < Policy.ReuseFor ? latest : null;
        }
    }

    private Task<LockspaceSnapshot> ScanAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_inFlight is null || _inFlight.IsCompleted)
            {
                _inFlight = ScanOnceAsync();
            }

            return _inFlight.WaitAsync(cancellationToken);
        }
    }

    private async Task<LockspaceSnapshot> ScanOnceAsync()
    {
        // Not tied to one caller's token: other callers share this read.
        var snapshot = await _readArea(CancellationToken.None).ConfigureAwait(false);
        Offer(snapshot);
        return snapshot;
    }
}
