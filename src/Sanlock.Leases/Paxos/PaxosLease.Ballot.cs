using Sanlock.Leases.Delta;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Paxos;

public sealed partial class PaxosLease
{
    /// <summary>A successful ballot and the hosts whose mode blocks showed SHARED during it.</summary>
    private sealed record BallotWin(HeldLease Held, IReadOnlySet<int> SharedHosts);

    /// <summary>What one pass of the two phases for one lver ended with.</summary>
    private readonly record struct InstanceResult(SanlockError Abort, PaxosDblock Accepted, ulong MaxLverSeen, ulong MaxMbalSeen, PaxosDblock Own);

    /// <summary>
    /// §7.5: ballots for lver + 1 until one succeeds (commit the leader) or the leader moves on. Returns null
    /// to restart from §7.1.
    /// </summary>
    private async Task<BallotWin?> RunBallotAsync(ILockspaceView me, LeaseRead read, AcquireOptions options, bool keepShared, CancellationToken cancellationToken)
    {
        var decided = read.Leader;
        ulong nextLver = decided.Lver + 1;
        ulong maxHosts = decided.MaxHosts == 0 ? (ulong)Geometry.MaxHosts : decided.MaxHosts;
        ulong mbal = BallotNumbers.First(read.MaxMbal, maxHosts, me.HostId);
        var mode = keepShared ? SharedMode(me.Generation) : default;
        var shared = new HashSet<int>();
        PaxosDblock? lastWritten = null;
        ulong newerLverSeen = 0;
        var own = DblockSector.Decode(ResourceLayout.DblockSector(read.Sectors, Geometry, me.HostId)).Dblock;

        for (int attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                var current = await ReadLeaderAsync(me.HostId, cancellationToken).ConfigureAwait(false);
                if (current.Lver == nextLver)
                {
                    if (current.OwnerId == (ulong)me.HostId && current.OwnerGeneration == me.Generation)
                    {
                        // Another host committed our value for this lver.
                        var dblock = lastWritten ?? default;
                        dblock = dblock with { Inp = current.OwnerId, Inp2 = current.OwnerGeneration, Inp3 = current.Timestamp, Lver = nextLver };
                        dblock.Checksum = dblock.ComputeChecksum();
                        return new BallotWin(new HeldLease(options.Mode, me.HostId, me.Generation, nextLver, current, dblock), shared);
                    }

                    throw new SanlockException(SanlockError.AcquireOwned,
                        $"{Where}: lver {nextLver} was acquired by host {current.OwnerId} generation {current.OwnerGeneration}");
                }

                if (current.Lver > nextLver || !DeltaLease.SameRecord(current, decided))
                {
                    return null;
                }

                if (newerLverSeen > nextLver)
                {
                    // Dblocks are at a later lver than this unchanged leader: it was committed further and then
                    // overwritten by a late (timed-out) leader write. Bring the leader forward, then start over.
                    await RepairStaleLeaderAsync(me, read, decided, newerLverSeen, maxHosts, cancellationToken).ConfigureAwait(false);
                    return null;
                }

                if (attempt >= options.MaxBallotAttempts)
                {
                    throw new SanlockException(SanlockError.DblockMbal, $"{Where}: no ballot succeeded in {attempt} attempts");
                }
            }

            var phase2 = default(PaxosDblock);
            try
            {
                var result = await RunInstanceAsync(me, read.NumHosts, nextLver, mbal, mode, shared, own,
                    written => lastWritten = phase2 = written, cancellationToken).ConfigureAwait(false);
                own = result.Own;
                if (result.Abort != SanlockError.Ok)
                {
                    newerLverSeen = Math.Max(newerLverSeen, result.MaxLverSeen);
                    mbal = Math.Max(BallotNumbers.Next(mbal, maxHosts), BallotNumbers.First(result.MaxMbalSeen, maxHosts, me.HostId));
                    await BackOffAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                phase2 = result.Accepted;
                var committed = decided with
                {
                    Lver = nextLver,
                    OwnerId = phase2.Inp,
                    OwnerGeneration = phase2.Inp2,
                    Timestamp = phase2.Inp3,
                    WriteId = (ulong)me.HostId,
                    WriteGeneration = me.Generation,
                    WriteTimestamp = _clock.NowSeconds,
                    NumHosts = options.NewNumHosts ?? decided.NumHosts,
                };
                bool ours = phase2.Inp == (ulong)me.HostId && phase2.Inp2 == me.Generation;
                if (ours)
                {
                    committed.Flags = options.Mode == LeaseMode.Shared
                        ? committed.Flags | Leader.FlagShortHold
                        : committed.Flags & ~Leader.FlagShortHold;
                }

                committed = await WriteLeaderAsync(committed, cancellationToken).ConfigureAwait(false);
                if (!ours)
                {
                    throw new SanlockException(SanlockError.AcquireOther,
                        $"{Where}: ballot for lver {nextLver} committed host {phase2.Inp} generation {phase2.Inp2}");
                }

                return new BallotWin(new HeldLease(options.Mode, me.HostId, me.Generation, nextLver, committed, phase2), shared);
            }
            catch (SanlockException e) when (e.Error != SanlockError.AcquireOther && phase2.Bal != 0)
            {
                await ReleaseMaybeOursAsync(me, phase2).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Phase 1 then phase 2 of disk paxos for <paramref name="lver"/> with ballot <paramref name="mbal"/>.
    /// Phase 2 carries the accepted value with the highest bal seen in phase 1, or proposes this host.
    /// <paramref name="phase2Written"/> is told once the phase-2 dblock is about to be written (from then on
    /// the value may be chosen).
    /// </summary>
    /// <remarks>
    /// The phase-1 write keeps a value this host already accepted for the same lver (<paramref name="own"/>):
    /// as in Disk Paxos, an acceptor never forgets an accepted value of an instance; sanlock's own phase 1
    /// writes bal 0, which is equivalent only as long as a host never starts another ballot for a lver it
    /// already accepted a value in. Readers treat such a dblock like any with bal ≠ 0.
    /// </remarks>
    private async Task<InstanceResult> RunInstanceAsync(
        ILockspaceView me, int numHosts, ulong lver, ulong mbal, ModeBlock mode, HashSet<int> shared, PaxosDblock own,
        Action<PaxosDblock> phase2Written, CancellationToken cancellationToken)
    {
        var phase1 = own.Lver == lver && own.Bal != 0 && own.Inp != 0 && own.IsChecksumValid
            ? new PaxosDblock { Mbal = mbal, Bal = own.Bal, Inp = own.Inp, Inp2 = own.Inp2, Inp3 = own.Inp3, Lver = lver }
            : new PaxosDblock { Mbal = mbal, Lver = lver };
        phase1.Checksum = phase1.ComputeChecksum();
        await WriteOwnSectorAsync(me.HostId, phase1, mode, cancellationToken).ConfigureAwait(false);
        var first = await ReadBallotAsync(me, numHosts, lver, mbal, shared, cancellationToken).ConfigureAwait(false);
        if (first.Abort != SanlockError.Ok)
        {
            return first;
        }

        var value = first.Accepted.Bal != 0
            ? (Inp: first.Accepted.Inp, Inp2: first.Accepted.Inp2, Inp3: first.Accepted.Inp3)
            : (Inp: (ulong)me.HostId, Inp2: me.Generation, Inp3: Math.Max(1, _clock.NowSeconds));
        var phase2 = new PaxosDblock { Mbal = mbal, Bal = mbal, Inp = value.Inp, Inp2 = value.Inp2, Inp3 = value.Inp3, Lver = lver };
        phase2.Checksum = phase2.ComputeChecksum();
        phase2Written(phase2);
        await WriteOwnSectorAsync(me.HostId, phase2, mode, cancellationToken).ConfigureAwait(false);
        var second = await ReadBallotAsync(me, numHosts, lver, mbal, shared, cancellationToken).ConfigureAwait(false);
        return second.Abort != SanlockError.Ok ? second : second with { Accepted = phase2 };
    }

    /// <summary>
    /// Reads the ballot span and applies the disk-paxos checks to every dblock read (1..num_hosts, or up to
    /// the lockspace's bound): skip bad
    /// checksums and older lvers, abort on a newer lver (−212) or a higher mbal (−213); returns the accepted
    /// value with the highest bal (Bal 0 when none). Notes every other host whose mode block is SHARED.
    /// </summary>
    private async Task<InstanceResult> ReadBallotAsync(
        ILockspaceView me, int numHosts, ulong lver, ulong mbal, HashSet<int> shared, CancellationToken cancellationToken)
    {
        int hostId = me.HostId;
        var (sectors, hostsRead) = await ReadBallotSpanAsync(me, numHosts, SanlockError.DblockRead, cancellationToken).ConfigureAwait(false);
        PaxosDblock highest = default;
        PaxosDblock own = default;
        ulong maxLver = 0;
        ulong maxMbal = 0;
        var abort = SanlockError.Ok;
        for (int q = 1; q <= hostsRead; q++)
        {
            var (dblock, modeBlock) = DblockSector.Decode(ResourceLayout.DblockSector(sectors, Geometry, q));
            if (!dblock.IsChecksumValid)
            {
                continue;
            }

            if (q == hostId)
            {
                own = dblock;
            }

            if (modeBlock.IsShared && q != hostId)
            {
                shared.Add(q);
            }

            maxLver = Math.Max(maxLver, dblock.Lver);
            maxMbal = Math.Max(maxMbal, dblock.Mbal);
            if (dblock.Lver < lver || abort != SanlockError.Ok)
            {
                continue;
            }

            if (dblock.Lver > lver)
            {
                abort = SanlockError.DblockLver;
            }
            else if (dblock.Mbal > mbal)
            {
                abort = SanlockError.DblockMbal;
            }
            else if (dblock.Inp != 0 && dblock.Bal != 0 && dblock.Bal > highest.Bal)
            {
                highest = dblock;
            }
        }

        return new InstanceResult(abort, abort == SanlockError.Ok ? highest : default, maxLver, maxMbal, own);
    }

    /// <summary>
    /// The leader shows lver L but dblocks exist for lver M &gt; L + 1. A host only runs the ballot for M after
    /// reading a leader at M − 1 and finding its owner out of the way (released, dead, or an earlier
    /// incarnation of itself) — a state that never reverts — so the leader had reached M − 1 and was
    /// overwritten since by a late (timed-out) leader write. Finish instance M with an ordinary ballot (it
    /// carries any value already accepted for M) and commit its value, so the leader catches up.
    /// </summary>
    private async Task RepairStaleLeaderAsync(ILockspaceView me, LeaseRead read, Leader stale, ulong lver, ulong maxHosts, CancellationToken cancellationToken)
    {
        var (sectors, hostsRead) = await ReadBallotSpanAsync(me, read.NumHosts, SanlockError.DblockRead, cancellationToken).ConfigureAwait(false);
        ulong maxMbal = 0;
        for (int q = 1; q <= hostsRead; q++)
        {
            var (dblock, _) = DblockSector.Decode(ResourceLayout.DblockSector(sectors, Geometry, q));
            if (dblock.IsChecksumValid)
            {
                maxMbal = Math.Max(maxMbal, dblock.Mbal);
            }
        }

        var own = DblockSector.Decode(ResourceLayout.DblockSector(sectors, Geometry, me.HostId)).Dblock;
        var phase2 = default(PaxosDblock);
        try
        {
            var result = await RunInstanceAsync(me, read.NumHosts, lver, BallotNumbers.First(maxMbal, maxHosts, me.HostId), default, [], own,
                written => phase2 = written, cancellationToken).ConfigureAwait(false);
            if (result.Abort != SanlockError.Ok)
            {
                // A newer lver or a higher ballot appeared: the caller's next pass looks again.
                return;
            }

            // When the value is this host's own, commit it already released: the caller starts over and
            // acquires the next lver normally, and a failure on that way leaves nothing held.
            var value = result.Accepted;
            bool ours = value.Inp == (ulong)me.HostId && value.Inp2 == me.Generation;
            if (ours)
            {
                await WriteOwnSectorAsync(me.HostId, value with { Flags = PaxosDblock.FlagReleased }, default, cancellationToken).ConfigureAwait(false);
            }

            await WriteLeaderAsync(stale with
            {
                Lver = lver,
                OwnerId = value.Inp,
                OwnerGeneration = value.Inp2,
                Timestamp = ours ? 0 : value.Inp3,
                WriteId = (ulong)me.HostId,
                WriteGeneration = me.Generation,
                WriteTimestamp = _clock.NowSeconds,
                Flags = stale.Flags & ~Leader.FlagShortHold,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SanlockException) when (phase2.Bal != 0)
        {
            await ReleaseMaybeOursAsync(me, phase2).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// After an I/O failure once phase 2 began: mark our dblock RELEASED and free the leader if our commit
    /// landed, so a value that may have been chosen does not block others. Best effort.
    /// </summary>
    private async Task ReleaseMaybeOursAsync(ILockspaceView me, PaxosDblock phase2)
    {
        try
        {
            await WriteOwnSectorAsync(me.HostId, phase2 with { Flags = PaxosDblock.FlagReleased }, default, CancellationToken.None).ConfigureAwait(false);
            var current = await ReadLeaderAsync(0, CancellationToken.None).ConfigureAwait(false);
            if (current.WriteId == (ulong)me.HostId && current.Lver == phase2.Lver && !current.IsFree
                && current.OwnerId == (ulong)me.HostId && current.OwnerGeneration == me.Generation)
            {
                await WriteLeaderAsync(current with
                {
                    Timestamp = 0,
                    WriteTimestamp = _clock.NowSeconds,
                    Flags = current.Flags & ~Leader.FlagShortHold,
                }, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (SanlockException)
        {
            // The original failure is what the caller needs to see.
        }
    }
}
