using Sanlock.OnDisk;

namespace Sanlock.Leases.Delta;

/// <summary>
/// The observer state machine of sanlock-disk-format.md §6.4: fed the slots of every renewal read, it tells
/// whether another host is live, failing or certainly dead. All times are this host's monotonic clock; a
/// remote timestamp is only compared with its own earlier values.
/// </summary>
/// <remarks>
/// A read is an interval, not an instant: a change it shows landed no later than its completion (used for
/// last_live), while "nothing changed" is only proven up to its start (used for last_check). Deadness is
/// judged from that evidence, not from the current time, so an observer that was itself stalled after its
/// last read cannot declare a host dead that may have renewed meanwhile.
/// </remarks>
public sealed class HostLivenessTracker
{
    private readonly Dictionary<int, HostObservation> _hosts = [];
    private readonly Lock _lock = new();
    private readonly int _ownHostId;
    private readonly Timeouts _own;

    public HostLivenessTracker(int ownHostId, Timeouts own)
    {
        _ownHostId = ownHostId;
        _own = own;
    }

    /// <summary>Records one examination of host_id's slot by a read issued at <paramref name="readStarted"/>.</summary>
    /// <remarks>Locked: renewals write while acquires read.</remarks>
    public void Observe(int hostId, in Leader slot, TimeSpan readStarted, TimeSpan readCompleted)
    {
        lock (_lock)
        {
            ObserveLocked(hostId, slot, readStarted, readCompleted);
        }
    }

    private void ObserveLocked(int hostId, in Leader slot, TimeSpan readStarted, TimeSpan readCompleted)
    {
        if (!_hosts.TryGetValue(hostId, out var seen))
        {
            _hosts[hostId] = new HostObservation(hostId, readCompleted, readCompleted, readCompleted, slot.Timestamp, slot.OwnerId, slot.OwnerGeneration, slot.IoTimeout);
            return;
        }

        bool changed = seen.Timestamp != slot.Timestamp || seen.OwnerId != slot.OwnerId || seen.OwnerGeneration != slot.OwnerGeneration;
        _hosts[hostId] = seen with
        {
            LastCheck = changed ? readCompleted : Max(readStarted, seen.LastCheck),
            LastLive = changed ? readCompleted : seen.LastLive,
            Timestamp = slot.Timestamp,
            OwnerId = slot.OwnerId,
            OwnerGeneration = slot.OwnerGeneration,
            IoTimeoutSeconds = slot.IoTimeout,
        };
    }

    /// <summary>Feeds every valid slot of a renewal read.</summary>
    public void Observe(LockspaceSnapshot snapshot, LeaseName spaceName)
    {
        for (int hostId = 1; hostId <= snapshot.SlotCount; hostId++)
        {
            var slot = Leader.Decode(snapshot.Slot(hostId));
            if (LeaderValidation.CheckDelta(slot, spaceName) == SanlockError.Ok)
            {
                Observe(hostId, slot, snapshot.ReadStarted, snapshot.ReadCompleted);
            }
        }
    }

    public HostObservation? Get(int hostId)
    {
        lock (_lock)
        {
            return _hosts.GetValueOrDefault(hostId);
        }
    }

    /// <summary>The timings of a host as its own delta lease states them.</summary>
    public Timeouts TimeoutsOf(HostObservation seen) => _own.ForOtherHost(seen.IoTimeoutSeconds);

    /// <summary>The state as sanlock reports it (for status output), judged at <paramref name="now"/>.</summary>
    public HostState GetState(int hostId, TimeSpan now)
    {
        if (Get(hostId) is not { } seen)
        {
            return HostState.Unchecked;
        }

        if (seen.Timestamp == 0)
        {
            return HostState.Free;
        }

        if (hostId == _ownHostId)
        {
            return HostState.Live;
        }

        var timeouts = TimeoutsOf(seen);
        var quiet = now - seen.LastLive;
        if (quiet <= timeouts.IdRenewalFail)
        {
            return seen.SeenRenewing ? HostState.Live : HostState.Unknown;
        }

        return quiet > timeouts.HostDead ? HostState.Dead : HostState.Fail;
    }

    /// <summary>
    /// "Is host_id, generation g, alive?" for shared-lease cleanup: anything not proven dead counts as alive.
    /// Dead means: slot free, a newer generation in the slot, or no change seen for more than 8T + W.
    /// </summary>
    public bool IsAlive(int hostId, ulong generation)
    {
        if (Get(hostId) is not { } seen)
        {
            return true;
        }

        if (seen.Timestamp == 0 || seen.OwnerGeneration > generation)
        {
            return false;
        }

        return seen.LastCheck - seen.LastLive <= TimeoutsOf(seen).HostDead;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
