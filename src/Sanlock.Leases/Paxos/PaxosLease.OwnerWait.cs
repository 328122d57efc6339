using Sanlock.Leases.Delta;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Paxos;

public sealed partial class PaxosLease
{
    /// <summary>
    /// §7.4: the leader names another owner. Watch its delta lease: gone or re-acquired → ballot; renewing →
    /// −243 (unless its dblock says it released this lver); silent for 8T+W → ballot. Returns false to restart
    /// from §7.1 when the leader changes while waiting.
    /// </summary>
    /// <remarks>
    /// "Silent for 8T+W" is measured between the local time the silence began (the read that last showed a
    /// change completed by then) and the time the latest read showing no change was <em>issued</em>, never the
    /// time this host happens to look at the result: a host stalled after its read must not mistake its own
    /// stall for the owner's.
    /// </remarks>
    private async Task<bool> WaitOutOwnerAsync(ILockspaceView me, Leader leader, AcquireOptions options, CancellationToken cancellationToken)
    {
        int owner = (int)leader.OwnerId;
        if (owner < 1 || owner > Geometry.MaxHosts)
        {
            throw new SanlockException(SanlockError.LeaderDiff, $"{Where}: leader owner_id {leader.OwnerId} is not a host_id");
        }

        TimeSpan waitStart = default;
        ulong? lastTimestamp = null;
        var seen = me.Tracker?.Get(owner);
        if (seen is not null && seen.Timestamp != 0 && seen.OwnerId == leader.OwnerId && seen.OwnerGeneration == leader.OwnerGeneration)
        {
            waitStart = seen.LastLive;
            lastTimestamp = seen.Timestamp;
        }

        while (true)
        {
            var pause = _ownerPoll;
            var readIssued = _clock.Now;
            var delta = await me.ReadHostSlotAsync(owner, cancellationToken).ConfigureAwait(false);
            // The tracker dates a renewal by the first read that showed it; renewals look only every 2T, these reads
            // once a second, so a dead owner's silence is measured from closer to its real last renewal.
            me.Tracker?.Observe(owner, delta, readIssued, _clock.Now);
            if (delta.IsFree || delta.OwnerId != leader.OwnerId || delta.OwnerGeneration > leader.OwnerGeneration)
            {
                return true;
            }

            var ownerTimeouts = me.Timeouts.ForOtherHost(delta.IoTimeout);
            if (lastTimestamp is null)
            {
                lastTimestamp = delta.Timestamp;
                waitStart = _clock.Now;
            }
            else
            {
                var tracked = me.Tracker?.Get(owner);
                bool trackerSawRenewal = tracked is not null && tracked.LastCheckSawRenewal
                    && tracked.OwnerId == leader.OwnerId && tracked.OwnerGeneration == leader.OwnerGeneration;
                if (delta.Timestamp != lastTimestamp || trackerSawRenewal)
                {
                    if (await OwnerReleasedAsync(owner, leader, cancellationToken).ConfigureAwait(false))
                    {
                        return true;
                    }

                    throw new SanlockException(SanlockError.AcquireIdLive,
                        $"{Where}: held by live host {owner} generation {leader.OwnerGeneration} (lver {leader.Lver})");
                }

                if (readIssued - waitStart > ownerTimeouts.HostDead)
                {
                    return true;
                }

                if (options.OwnerNoWait)
                {
                    throw new SanlockException(SanlockError.AcquireOwnedRetry,
                        $"{Where}: held by host {owner} generation {leader.OwnerGeneration}, which is not renewing; not waiting");
                }

                // Look again right after the owner is certainly dead rather than up to a poll later.
                var untilDead = waitStart + ownerTimeouts.HostDead - _clock.Now;
                if (untilDead < _ownerPoll)
                {
                    pause = untilDead > TimeSpan.Zero ? untilDead + _deadlineSlack : _deadlineSlack;
                }
            }

            await _clock.DelayAsync(pause, cancellationToken).ConfigureAwait(false);
            var current = await ReadLeaderAsync(me.HostId, cancellationToken).ConfigureAwait(false);
            if (!DeltaLease.SameRecord(current, leader))
            {
                return false;
            }
        }
    }

    /// <summary>
    /// True when the owner's dblock is RELEASED for the leader's lver: the owner let go but could not (or did
    /// not need to) rewrite a leader it did not write last. Checked whatever write_id says — a RELEASED dblock
    /// at this lver is only ever written when letting go.
    /// </summary>
    private async Task<bool> OwnerReleasedAsync(int owner, Leader leader, CancellationToken cancellationToken)
    {
        if (owner > (int)Math.Min(leader.NumHosts, (ulong)Geometry.MaxHosts))
        {
            return false;
        }

        var (dblock, _) = await ReadDblockSectorAsync(owner, cancellationToken).ConfigureAwait(false);
        return dblock.IsChecksumValid && dblock.IsReleased && dblock.Lver == leader.Lver;
    }
}
