using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Delta;

/// <summary>
/// Membership of one host in one lockspace: join (delta acquire), the renewal loop with its failure rules,
/// the liveness tracker fed by renewals, the request/event bitmap carried by renewals, and leave.
/// </summary>
/// <remarks>sanlock-disk-format.md §6.2–6.7, §9.3.</remarks>
public sealed class Lockspace : ILockspaceView
{
    private static readonly TimeSpan _renewalPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan _renewalPause = TimeSpan.FromSeconds(0.5);

    private readonly ILeaseDisk _disk;
    private readonly IMonotonicClock _clock;
    private readonly Dictionary<int, TimeSpan> _bitsUntil = [];
    private readonly Dictionary<int, ulong> _lastSeenTimestamp = [];
    private HostEvent _event;

    public Lockspace(
        ILeaseDisk disk, long lockspaceOffset, LeaseGeometry geometry, LeaseName spaceName, int hostId, LeaseName hostName,
        Timeouts timeouts, IMonotonicClock clock, int renewalReadSectors = 0, BallotScanPolicy? ballotScan = null)
    {
        _disk = disk;
        _clock = clock;
        Delta = new DeltaLease(disk, lockspaceOffset, geometry, spaceName, hostId, hostName, timeouts, clock)
        {
            RenewalReadSectors = renewalReadSectors,
        };
        Tracker = new HostLivenessTracker(hostId, timeouts);
        BallotScanner = new BallotHostScanner(Delta.ReadAreaAsync, clock, ballotScan ?? BallotScanPolicy.Default);
    }

    public BallotHostScanner BallotScanner { get; }

    public DeltaLease Delta { get; }

    public HostLivenessTracker Tracker { get; }

    public LeaseName SpaceName => Delta.SpaceName;

    public int HostId => Delta.HostId;

    public ulong Generation => Delta.Generation;

    public Timeouts Timeouts => Delta.Timeouts;

    /// <summary>Set once renewals stopped succeeding for 8T or the slot was found overwritten; final.</summary>
    public SanlockError? FailedWith { get; private set; }

    public bool IsFailed => FailedWith is not null;

    /// <summary>Called with (sender host_id, its record) when a renewed record of another host carries our bit.</summary>
    public Action<int, Leader>? BitmapNotified { get; set; }

    /// <summary>Called after each successful renewal with the timestamp written (this host's monotonic seconds).</summary>
    public Action<ulong>? Renewed { get; set; }

    /// <summary>Called once when the lockspace fails, with the reason.</summary>
    public Action<SanlockError>? Failed { get; set; }

    /// <summary>True while this host may act on its leases: joined, not failed, last renewal less than 8T old.</summary>
    public bool IsValid => !IsFailed && Delta.IsValidAt(_clock.Now);

    HostLivenessTracker? ILockspaceView.Tracker => Tracker;

    public Task JoinAsync(CancellationToken cancellationToken = default) => Delta.AcquireAsync(cancellationToken);

    /// <summary>Asks host_id to look at us (a request §7.9 or an event §6.6) for set_bitmap_seconds.</summary>
    public void SetHostBit(int hostId) => _bitsUntil[hostId] = _clock.Now + Timeouts.SetBitmap;

    /// <summary>The event the following renewals carry (§6.6), and the bit for its addressee.</summary>
    public void SetEvent(int hostId, HostEvent hostEvent)
    {
        _event = hostEvent;
        SetHostBit(hostId);
    }

    /// <summary>
    /// One renewal attempt. Returns false when it failed but may be retried; marks the lockspace failed on a
    /// corrupted/overwritten slot or when 8T passed without success.
    /// </summary>
    public async Task<bool> RenewOnceAsync(CancellationToken cancellationToken = default)
    {
        if (IsFailed)
        {
            return false;
        }

        try
        {
            var snapshot = await Delta.RenewAsync(_event, CurrentBitmap(), cancellationToken).ConfigureAwait(false);
            Tracker.Observe(snapshot, SpaceName);
            BallotScanner.OfferRenewal(snapshot);
            Renewed?.Invoke(Delta.LastSuccess);
            NotifyBits(snapshot);
            return true;
        }
        catch (SanlockException e) when (IsCorruption(e.Error))
        {
            Fail(e.Error);
            return false;
        }
        catch (SanlockException)
        {
            if (!Delta.IsValidAt(_clock.Now))
            {
                Fail(SanlockError.ETIMEDOUT);
            }

            return false;
        }
    }

    /// <summary>
    /// The renewal loop: renew every 2T (poll each second, pause 0.5 s before an attempt); after a failure retry
    /// about every 0.5 s until 8T have passed since the last success, then fail the lockspace.
    /// </summary>
    public async Task RunRenewalsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !IsFailed && Delta.IsHeld)
        {
            if (!Delta.IsValidAt(_clock.Now))
            {
                Fail(SanlockError.ETIMEDOUT);
                return;
            }

            if (_clock.Now - TimeSpan.FromSeconds(Delta.LastSuccess) < Timeouts.IdRenewal)
            {
                await _clock.DelayAsync(_renewalPoll, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await _clock.DelayAsync(_renewalPause, cancellationToken).ConfigureAwait(false);
            await RenewOnceAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Leaves the lockspace (only writes when the last renewal succeeded and it has not failed).</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        if (IsFailed)
        {
            Delta.Abandon();
            return;
        }

        await Delta.ReleaseAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<Leader> ReadHostSlotAsync(int hostId, CancellationToken cancellationToken) => Delta.ReadSlotAsync(hostId, cancellationToken);

    public ValueTask<BallotHostBound> BallotHostBoundAsync(CancellationToken cancellationToken) => BallotScanner.CurrentAsync(HostId, cancellationToken);

    public async Task<bool> IsHostDeadAsync(int hostId, ulong generation, CancellationToken cancellationToken)
    {
        var slot = await ReadHostSlotAsync(hostId, cancellationToken).ConfigureAwait(false);
        if (slot.IsFree || slot.OwnerGeneration > generation)
        {
            return true;
        }

        // Only the tracker's record of this very incarnation, still at the timestamp just read, can prove it silent.
        // A record of an earlier state (the blank slot before the host joined, seen by a host whose renewals then
        // stopped, or an older timestamp) says nothing about the host now in the slot.
        var seen = Tracker.Get(hostId);
        if (seen is null || seen.OwnerId != slot.OwnerId || seen.OwnerGeneration != slot.OwnerGeneration || seen.Timestamp != slot.Timestamp)
        {
            return false;
        }

        return !Tracker.IsAlive(hostId, generation);
    }

    private void Fail(SanlockError error)
    {
        if (FailedWith is null)
        {
            FailedWith = error;
            Delta.Abandon();
            Failed?.Invoke(error);
        }
    }

    private static bool IsCorruption(SanlockError error) => error is SanlockError.RenewOwner or SanlockError.RenewDiff
        or SanlockError.LeaderMagic or SanlockError.LeaderVersion or SanlockError.LeaderLockspace or SanlockError.LeaderChecksum
        or SanlockError.ETIMEDOUT;

    private byte[] CurrentBitmap()
    {
        var bits = new byte[HostBitmap.Size];
        var now = _clock.Now;
        var sector = new byte[HostBitmap.Offset + HostBitmap.Size];
        foreach (var (hostId, until) in _bitsUntil.ToArray())
        {
            if (until <= now)
            {
                _bitsUntil.Remove(hostId);
                continue;
            }

            HostBitmap.Set(sector, hostId);
        }

        HostBitmap.Bits(sector).CopyTo(bits);
        return bits;
    }

    private void NotifyBits(LockspaceSnapshot snapshot)
    {
        for (int hostId = 1; hostId <= snapshot.SlotCount; hostId++)
        {
            if (hostId == HostId)
            {
                continue;
            }

            var slotBytes = snapshot.Slot(hostId);
            var slot = Leader.Decode(slotBytes);
            bool renewed = !_lastSeenTimestamp.TryGetValue(hostId, out var seen) || seen != slot.Timestamp;
            _lastSeenTimestamp[hostId] = slot.Timestamp;
            if (renewed && !slot.IsFree && HostBitmap.IsSet(slotBytes, HostId) && LeaderValidation.CheckDelta(slot, SpaceName) == SanlockError.Ok)
            {
                BitmapNotified?.Invoke(hostId, slot);
            }
        }
    }
}
