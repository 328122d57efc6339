using Sanlock.Leases.Delta;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Paxos;

public sealed partial class PaxosLease
{
    /// <summary>A successful ballot and the hosts whose mode blocks showed SHARED during it.</summary>
    private sealed record BallotWin(HeldLease Held, IReadOnlySet<int> SharedHosts);

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

                if (attempt >= options.MaxBallotAttempts)
                {
                    throw new SanlockException(SanlockError.DblockMbal, $"{Where}: no ballot succeeded in {attempt} attempts");
                }
            }

            // Phase 1: claim mbal, learn any value already accepted for this lver.
            var phase1 = new PaxosDblock { Mbal = mbal, Lver = nextLver };
            lastWritten = phase1;
            await WriteOwnSectorAsync(me.HostId, phase1, mode, cancellationToken).ConfigureAwait(false);
            var (abort, highest) = await ReadBallotAsync(me.HostId, read.NumHosts, nextLver, mbal, shared, cancellationToken).ConfigureAwait(false);
            if (abort != SanlockError.Ok)
            {
                mbal = await AfterAbortAsync(mbal, maxHosts, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var value = highest is { } bk
                ? (Inp: bk.Inp, Inp2: bk.Inp2, Inp3: bk.Inp3)
                : (Inp: (ulong)me.HostId, Inp2: me.Generation, Inp3: Math.Max(1, _clock.NowSeconds));
            var phase2 = new PaxosDblock { Mbal = mbal, Bal = mbal, Inp = value.Inp, Inp2 = value.Inp2, Inp3 = value.Inp3, Lver = nextLver };
            phase2.Checksum = phase2.ComputeChecksum();

            // Phase 2: from here on the value may be chosen; a failure must not leave it looking held by us.
            try
            {
                lastWritten = phase2;
                await WriteOwnSectorAsync(me.HostId, phase2, mode, cancellationToken).ConfigureAwait(false);
                (abort, _) = await ReadBallotAsync(me.HostId, read.NumHosts, nextLver, mbal, shared, cancellationToken).ConfigureAwait(false);
                if (abort != SanlockError.Ok)
                {
                    mbal = await AfterAbortAsync(mbal, maxHosts, cancellationToken).ConfigureAwait(false);
                    continue;
                }

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
            catch (SanlockException e) when (e.Error != SanlockError.AcquireOther)
            {
                await ReleaseMaybeOursAsync(me, phase2).ConfigureAwait(false);
                throw;
            }
        }
    }

    private async Task<ulong> AfterAbortAsync(ulong mbal, ulong maxHosts, CancellationToken cancellationToken)
    {
        await BackOffAsync(cancellationToken).ConfigureAwait(false);
        return BallotNumbers.Next(mbal, maxHosts);
    }

    /// <summary>
    /// Reads the ballot span and applies the disk-paxos checks to every dblock 1..num_hosts: skip bad
    /// checksums and older lvers, abort on a newer lver (−212) or a higher mbal (−213); returns the accepted
    /// value with the highest bal. Notes every other host whose mode block is SHARED.
    /// </summary>
    private async Task<(SanlockError Abort, PaxosDblock? Highest)> ReadBallotAsync(
        int hostId, int numHosts, ulong nextLver, ulong mbal, HashSet<int> shared, CancellationToken cancellationToken)
    {
        var sectors = await ReadSpanAsync(numHosts, SanlockError.DblockRead, cancellationToken).ConfigureAwait(false);
        PaxosDblock? highest = null;
        for (int q = 1; q <= numHosts; q++)
        {
            var (dblock, modeBlock) = DblockSector.Decode(ResourceLayout.DblockSector(sectors, Geometry, q));
            if (!dblock.IsChecksumValid)
            {
                continue;
            }

            if (modeBlock.IsShared && q != hostId)
            {
                shared.Add(q);
            }

            if (dblock.Lver < nextLver)
            {
                continue;
            }

            if (dblock.Lver > nextLver)
            {
                return (SanlockError.DblockLver, null);
            }

            if (dblock.Mbal > mbal)
            {
                return (SanlockError.DblockMbal, null);
            }

            if (dblock.Inp != 0 && dblock.Bal != 0 && (highest is null || dblock.Bal > highest.Value.Bal))
            {
                highest = dblock;
            }
        }

        return (SanlockError.Ok, highest);
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
