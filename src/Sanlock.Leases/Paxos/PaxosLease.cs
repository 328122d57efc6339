using Sanlock.Leases.Io;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Paxos;

/// <summary>
/// One resource lease (disk paxos, one dblock per host): acquire EX or SH, release, convert, requests, LVB.
/// Talks only to an <see cref="ILeaseDisk"/> and an <see cref="IMonotonicClock"/>.
/// </summary>
/// <remarks>
/// sanlock-disk-format.md §7. Reads cover only leader, request record and dblocks 1..num_hosts (the ballot
/// span, a power of two ≥ num_hosts + 2 sectors), not the whole align-size area: no host with a larger
/// host_id may take part (leader validation refuses it, −228), so no other sector can hold a ballot value.
/// Within that, a joined lockspace bounds the span further to the host_ids that can take part
/// (<see cref="BallotHostBound"/>, which says why that is safe).
/// </remarks>
public sealed partial class PaxosLease
{
    private const int ShortHoldRetries = 8;
    private static readonly TimeSpan _ownerPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan _deadlineSlack = TimeSpan.FromMilliseconds(20);

    private readonly ILeaseDisk _disk;
    private readonly IMonotonicClock _clock;
    private readonly IRandomSource _random;

    public PaxosLease(
        ILeaseDisk disk, long offset, LeaseGeometry geometry, LeaseName spaceName, LeaseName resourceName,
        IMonotonicClock clock, IRandomSource random)
    {
        _ = ResourceLayout.LeaderOffset(offset, geometry);
        _disk = disk;
        _clock = clock;
        _random = random;
        Offset = offset;
        Geometry = geometry;
        SpaceName = spaceName;
        ResourceName = resourceName;
    }

    public long Offset { get; }

    /// <summary>The geometry assumed until a leader says otherwise (the leader is authoritative).</summary>
    public LeaseGeometry Geometry { get; private set; }

    public LeaseName SpaceName { get; }

    public LeaseName ResourceName { get; }

    /// <summary>
    /// num_hosts expected for the first read (learned from the last leader read). Null means max_hosts of the
    /// geometry, i.e. the whole area, as a first acquire by sanlock reads.
    /// </summary>
    public int? NumHostsHint { get; set; }

    /// <summary>Bounded ballot reads that completed too late for their bound and were read again in full.</summary>
    public long FullRereads { get; private set; }

    private string Where => $"resource {SpaceName}:{ResourceName} at {_disk.Path}:{Offset}";

    /// <summary>Reads and validates the leader (host_id 0 skips the num_hosts check).</summary>
    public async Task<Leader> ReadLeaderAsync(int hostId = 0, CancellationToken cancellationToken = default)
    {
        using var buffer = await LeaseIo.ReadAsync(_disk, Offset, Geometry.SectorSize, SanlockError.LeaderRead, Where, cancellationToken).ConfigureAwait(false);
        var leader = Leader.Decode(buffer.Span);
        LeaderValidation.EnsurePaxos(leader, SpaceName, ResourceName, (ulong)hostId, Where);
        return leader;
    }

    /// <summary>
    /// Acquires the lease for <paramref name="me"/>. Throws <see cref="SanlockException"/> with sanlock's
    /// code: −243 owner live, −244 another host won this lver, −245 another host's value committed,
    /// −247 owner alive and no-wait, −240 lver mismatch, −11 live shared holders, I/O and validation codes.
    /// </summary>
    public Task<HeldLease> AcquireAsync(ILockspaceView me, AcquireOptions options, CancellationToken cancellationToken = default) =>
        AcquireCoreAsync(me, options, keepShared: false, cancellationToken);

    /// <summary>Exclusive release (§7.6) or shared release (§7.7).</summary>
    public Task ReleaseAsync(HeldLease held, CancellationToken cancellationToken = default) => ReleaseAsync(held, null, cancellationToken);

    /// <summary>
    /// Release that also gives the lease a new resource name in the same leader write (RELEASE with REL_RENAME,
    /// §7.6 step 3). Only an exclusive release writes the leader, so a shared one is released without renaming.
    /// </summary>
    public async Task ReleaseAsync(HeldLease held, LeaseName? newName, CancellationToken cancellationToken = default)
    {
        await WriteOwnSectorAsync(held.HostId, held.Dblock with { Flags = held.Dblock.Flags | PaxosDblock.FlagReleased }, default,
            cancellationToken).ConfigureAwait(false);
        if (held.Mode == LeaseMode.Exclusive)
        {
            await ReleaseLeaderAsync(held, newName, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// EX→SH: publish the shared mode block, then free the leader. SH→EX: an exclusive ballot that keeps the
    /// shared mode block in every write; fails −11 (still holding SH) while other live shared holders exist.
    /// </summary>
    public async Task<HeldLease> ConvertAsync(ILockspaceView me, HeldLease held, LeaseMode to, CancellationToken cancellationToken = default)
    {
        if (held.Mode == to)
        {
            return held;
        }

        if (to == LeaseMode.Shared)
        {
            await WriteOwnSectorAsync(held.HostId, held.Dblock with { Flags = held.Dblock.Flags | PaxosDblock.FlagReleased },
                SharedMode(held.Generation), cancellationToken).ConfigureAwait(false);
            await ReleaseLeaderAsync(held, null, cancellationToken).ConfigureAwait(false);
            return held with { Mode = LeaseMode.Shared };
        }

        return await AcquireCoreAsync(me, AcquireOptions.Exclusive, keepShared: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HeldLease> AcquireCoreAsync(ILockspaceView me, AcquireOptions options, bool keepShared, CancellationToken cancellationToken)
    {
        int shortHoldRetries = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await InitialReadAsync(me, cancellationToken).ConfigureAwait(false);
            var leader = read.Leader;

            bool ownerOutOfTheWay = leader.IsFree
                || (leader.OwnerId == (ulong)me.HostId && leader.OwnerGeneration <= me.Generation);
            if (!ownerOutOfTheWay)
            {
                if (options.ExpectedLver is { } expected && leader.Lver != expected)
                {
                    throw new SanlockException(SanlockError.AcquireLver, $"{Where}: lver is {leader.Lver}, caller expected {expected}");
                }

                if (options.Mode == LeaseMode.Shared && (leader.Flags & Leader.FlagShortHold) != 0 && shortHoldRetries++ < ShortHoldRetries)
                {
                    // Another shared acquirer holds the leader only for a moment.
                    await BackOffAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!await WaitOutOwnerAsync(me, leader, options, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }
            }

            var held = await RunBallotAsync(me, read, options, keepShared, cancellationToken).ConfigureAwait(false);
            if (held is null)
            {
                continue;
            }

            try
            {
                return await FinishAcquireAsync(me, held, options.Mode, keepShared, cancellationToken).ConfigureAwait(false);
            }
            catch (SanlockException e) when (e.Error != SanlockError.EAGAIN)
            {
                // Committed but could not finish (an I/O failed): do not leave the lease held on disk.
                await BestEffortAsync(() => ReleaseAsync(held.Held with { Mode = LeaseMode.Exclusive }, CancellationToken.None)).ConfigureAwait(false);
                throw;
            }
        }
    }

    private async Task<HeldLease> FinishAcquireAsync(ILockspaceView me, BallotWin win, LeaseMode mode, bool keepShared, CancellationToken cancellationToken)
    {
        var held = win.Held;
        if (mode == LeaseMode.Shared)
        {
            await WriteOwnSectorAsync(me.HostId, held.Dblock with { Flags = held.Dblock.Flags | PaxosDblock.FlagReleased },
                SharedMode(me.Generation), cancellationToken).ConfigureAwait(false);
            await ReleaseLeaderAsync(held, null, cancellationToken).ConfigureAwait(false);
            return held with { Mode = LeaseMode.Shared };
        }

        int liveShared = 0;
        foreach (int hostId in win.SharedHosts)
        {
            var (_, modeBlock) = await ReadDblockSectorAsync(hostId, cancellationToken).ConfigureAwait(false);
            if (!modeBlock.IsShared || modeBlock.Generation == 0)
            {
                continue;
            }

            if (await me.IsHostDeadAsync(hostId, modeBlock.Generation, cancellationToken).ConfigureAwait(false))
            {
                await WriteSectorAsync(hostId, static _ => { }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                liveShared++;
            }
        }

        if (liveShared > 0)
        {
            if (keepShared)
            {
                await WriteOwnSectorAsync(me.HostId, held.Dblock with { Flags = held.Dblock.Flags | PaxosDblock.FlagReleased },
                    SharedMode(me.Generation), cancellationToken).ConfigureAwait(false);
                await ReleaseLeaderAsync(held, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await BestEffortAsync(() => ReleaseAsync(held, cancellationToken)).ConfigureAwait(false);
            }

            throw new SanlockException(SanlockError.EAGAIN, $"{Where}: {liveShared} live shared holder(s)");
        }

        if (keepShared)
        {
            await WriteOwnSectorAsync(me.HostId, held.Dblock, default, cancellationToken).ConfigureAwait(false);
        }

        return held;
    }

    private static async Task BestEffortAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (SanlockException)
        {
            // The caller reports the failure that brought it here.
        }
    }

    private static ModeBlock SharedMode(ulong generation) => new() { Flags = ModeBlock.FlagShared, Generation = generation };

    private async Task BackOffAsync(CancellationToken cancellationToken) =>
        await _clock.DelayAsync(Timeouts.PaxosRetryBackoffMax * _random.NextDouble(), cancellationToken).ConfigureAwait(false);
}
