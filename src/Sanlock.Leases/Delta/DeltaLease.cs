using Sanlock.Leases.Io;
using Sanlock.OnDisk;

namespace Sanlock.Leases.Delta;

/// <summary>
/// One host's delta lease (its host_id slot in a lockspace): acquire with the waits that make it safe,
/// renew, release. Holds what it last wrote, so a renewal can tell whether anybody else wrote the slot.
/// </summary>
/// <remarks>sanlock-disk-format.md §6.2, §6.3, §6.7.</remarks>
public sealed class DeltaLease
{
    private readonly ILeaseDisk _disk;
    private readonly IMonotonicClock _clock;
    private Leader _written;
    private bool _lastRenewalSucceeded;

    public DeltaLease(
        ILeaseDisk disk, long lockspaceOffset, LeaseGeometry geometry, LeaseName spaceName, int hostId, LeaseName hostName,
        Timeouts timeouts, IMonotonicClock clock)
    {
        if (hostId < 1 || hostId > geometry.MaxHosts)
        {
            throw new ArgumentOutOfRangeException(nameof(hostId), hostId, $"host_id must be 1..{geometry.MaxHosts} for {geometry}");
        }

        _ = LockspaceLayout.SlotOffset(lockspaceOffset, geometry, hostId);
        _disk = disk;
        _clock = clock;
        LockspaceOffset = lockspaceOffset;
        Geometry = geometry;
        SpaceName = spaceName;
        HostId = hostId;
        HostName = hostName;
        Timeouts = timeouts;
    }

    public long LockspaceOffset { get; }

    public LeaseGeometry Geometry { get; }

    public LeaseName SpaceName { get; }

    public int HostId { get; }

    public LeaseName HostName { get; }

    public Timeouts Timeouts { get; }

    /// <summary>The host generation won by <see cref="AcquireAsync"/> (0 before).</summary>
    public ulong Generation => _written.OwnerGeneration;

    /// <summary>Monotonic seconds of the last successful acquire/renewal (the timestamp written), 0 before.</summary>
    public ulong LastSuccess { get; private set; }

    public bool IsHeld { get; private set; }

    /// <summary>What this host last wrote into its slot.</summary>
    public Leader LastWritten => _written;

    /// <summary>Sectors a renewal reads (from slot 1); the whole area by default, as sanlock does.</summary>
    public int RenewalReadSectors { get; init; }

    private string Where => $"delta lease {SpaceName}:{HostId} at {_disk.Path}:{LockspaceOffset}";

    /// <summary>Reads the geometry of a lockspace from the leader of slot 1 (the first 4096 bytes).</summary>
    public static async Task<LeaseGeometry> ProbeGeometryAsync(ILeaseDisk disk, long lockspaceOffset, LeaseName spaceName, CancellationToken cancellationToken = default)
    {
        using var buffer = await LeaseIo.ReadAsync(disk, lockspaceOffset, LockspaceLayout.ProbeLength, SanlockError.LeaderRead,
            $"lockspace {spaceName} at {disk.Path}:{lockspaceOffset}", cancellationToken).ConfigureAwait(false);
        var leader = Leader.Decode(buffer.Span);
        LeaderValidation.EnsureDelta(leader, spaceName, $"lockspace {spaceName} at {disk.Path}:{lockspaceOffset}");
        return LeaseGeometry.FromLeader(leader.Flags, leader.SectorSize);
    }

    /// <summary>Reads and validates host_id's slot (any host's).</summary>
    public Task<Leader> ReadSlotAsync(int hostId, CancellationToken cancellationToken = default) =>
        ReadSlotAsync(_disk, LockspaceOffset, Geometry, SpaceName, hostId, cancellationToken);

    public static async Task<Leader> ReadSlotAsync(
        ILeaseDisk disk, long lockspaceOffset, LeaseGeometry geometry, LeaseName spaceName, int hostId, CancellationToken cancellationToken = default)
    {
        string where = $"delta lease {spaceName}:{hostId} at {disk.Path}:{lockspaceOffset}";
        using var buffer = await LeaseIo.ReadAsync(disk, LockspaceLayout.SlotOffset(lockspaceOffset, geometry, hostId), geometry.SectorSize,
            SanlockError.LeaderRead, where, cancellationToken).ConfigureAwait(false);
        var leader = Leader.Decode(buffer.Span);
        LeaderValidation.EnsureDelta(leader, spaceName, where);
        return leader;
    }

    /// <summary>
    /// Takes the slot: waits out a current owner (8T+W of no change), writes the new record, then waits
    /// 2T and checks that nobody overwrote it. Fails with HOSTID_BUSY (−262).
    /// </summary>
    public async Task AcquireAsync(CancellationToken cancellationToken = default)
    {
        var read = await ReadSlotAsync(HostId, cancellationToken).ConfigureAwait(false);
        var other = Timeouts.ForOtherHost(read.IoTimeout);

        if (!read.IsFree && !read.ResourceName.Matches(HostName))
        {
            // Somebody held the slot: it is only ours once that record has not changed for 8T+W.
            await _clock.DelayAsync(other.DeltaAcquireHeldWait, cancellationToken).ConfigureAwait(false);
            var again = await ReadSlotAsync(HostId, cancellationToken).ConfigureAwait(false);
            if (!again.IsFree && !SameRecord(again, read))
            {
                throw new SanlockException(SanlockError.HostIdBusy,
                    $"{Where}: host_id {HostId} is held by \"{again.ResourceName}\" (generation {again.OwnerGeneration}, timestamp {again.Timestamp} changed during {other.DeltaAcquireHeldWait.TotalSeconds} s)");
            }

            read = again;
        }

        var mine = read with
        {
            Timestamp = NowTimestamp(),
            IoTimeout = (ushort)(Timeouts.IoTimeoutSeconds & 0xFF),
            OwnerId = (ulong)HostId,
            OwnerGeneration = read.OwnerGeneration + 1,
            ResourceName = HostName,
        };
        mine = await WriteSlotAsync(mine, bitmap: null, cancellationToken).ConfigureAwait(false);

        await _clock.DelayAsync(other.DeltaShortDelay, cancellationToken).ConfigureAwait(false);
        var check = await ReadSlotAsync(HostId, cancellationToken).ConfigureAwait(false);
        if (!SameRecord(check, mine))
        {
            throw new SanlockException(SanlockError.HostIdBusy,
                $"{Where}: host_id {HostId} was overwritten by \"{check.ResourceName}\" (generation {check.OwnerGeneration}) while joining");
        }

        // The wait above follows the slot's previous io_timeout. When that is much longer than ours (a lockspace
        // initialised with T=10 joined with T=1), the record written before it is too old to be our last renewal:
        // renewals would count as late and fail the lockspace at once, where 3.8.5 stays joined. Renew it now.
        if (_clock.Now - TimeSpan.FromSeconds(mine.Timestamp) >= Timeouts.IdRenewalFail - Timeouts.IdRenewal)
        {
            mine = await WriteSlotAsync(mine with { Timestamp = NowTimestamp() }, bitmap: null, cancellationToken).ConfigureAwait(false);
        }

        _written = mine;
        LastSuccess = mine.Timestamp;
        _lastRenewalSucceeded = true;
        IsHeld = true;
    }

    /// <summary>
    /// Takes the record now in this host's slot as the one this process wrote, so that a fresh process
    /// (<c>direct renew_id</c> / <c>release_id</c>) can renew or release a delta lease another process acquired.
    /// The moment of reading counts as the last success. Fails −22 when the slot was never owned by this host_id.
    /// </summary>
    public async Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        var current = await ReadSlotAsync(HostId, cancellationToken).ConfigureAwait(false);
        if (current.OwnerId != (ulong)HostId)
        {
            throw new SanlockException(SanlockError.EINVAL,
                $"{Where}: host_id {HostId} has never been acquired (slot owner_id is {current.OwnerId})");
        }

        _written = current;
        LastSuccess = NowTimestamp();
        _lastRenewalSucceeded = true;
        IsHeld = true;
    }

    /// <summary>
    /// One renewal: reads the slots, checks that this host's record is exactly what it wrote, writes it again
    /// with a new timestamp, the current host event and request bitmap. Returns the slots read (for liveness).
    /// Throws RENEW_OWNER (−260) / RENEW_DIFF (−261) when somebody else wrote the slot; I/O errors as their codes.
    /// </summary>
    public async Task<LockspaceSnapshot> RenewAsync(HostEvent hostEvent, ReadOnlyMemory<byte> requestBitmap, CancellationToken cancellationToken = default)
    {
        if (!IsHeld)
        {
            throw new InvalidOperationException($"{Where}: renew before acquire");
        }

        var snapshot = await ReadAreaAsync(cancellationToken).ConfigureAwait(false);
        var current = Leader.Decode(snapshot.Slot(HostId));
        var error = LeaderValidation.CheckDelta(current, SpaceName);
        if (error != SanlockError.Ok)
        {
            _lastRenewalSucceeded = false;
            throw new SanlockException(error, LeaderValidation.Describe(error, current, SpaceName, default, 0, Where));
        }

        if (current.OwnerId != _written.OwnerId || current.OwnerGeneration != _written.OwnerGeneration || !current.ResourceName.Matches(_written.ResourceName))
        {
            _lastRenewalSucceeded = false;
            IsHeld = false;
            throw new SanlockException(SanlockError.RenewOwner,
                $"{Where}: slot now owned by {current.OwnerId}/{current.OwnerGeneration} \"{current.ResourceName}\", not {_written.OwnerId}/{_written.OwnerGeneration}");
        }

        if (_lastRenewalSucceeded && !SameRecord(current, _written))
        {
            _lastRenewalSucceeded = false;
            IsHeld = false;
            throw new SanlockException(SanlockError.RenewDiff, $"{Where}: slot differs from what this host last wrote (timestamp {current.Timestamp}, wrote {_written.Timestamp})");
        }

        var mine = _written with
        {
            Timestamp = NowTimestamp(),
            IoTimeout = (ushort)(Timeouts.IoTimeoutSeconds & 0xFF),
            WriteId = hostEvent.Generation,
            WriteGeneration = hostEvent.Event,
            WriteTimestamp = hostEvent.Data,
        };

        try
        {
            mine = await WriteSlotAsync(mine, requestBitmap, cancellationToken).ConfigureAwait(false);
        }
        catch (SanlockException)
        {
            _lastRenewalSucceeded = false;
            throw;
        }

        // A renewal that completes after the previous lease ran out (8T) does not count: by then other hosts
        // may already be waiting this host out, and its watchdog would have fired.
        if (!IsValidAt(_clock.Now))
        {
            _lastRenewalSucceeded = false;
            IsHeld = false;
            throw new SanlockException(SanlockError.ETIMEDOUT,
                $"{Where}: renewal completed {(_clock.Now - TimeSpan.FromSeconds(LastSuccess)).TotalSeconds:F1} s after the last success (limit {Timeouts.IdRenewalFail.TotalSeconds} s)");
        }

        _written = mine;
        _lastRenewalSucceeded = true;
        LastSuccess = mine.Timestamp;
        return snapshot;
    }

    /// <summary>Reads the slots (the whole area unless <see cref="RenewalReadSectors"/> says fewer) in one I/O.</summary>
    public async Task<LockspaceSnapshot> ReadAreaAsync(CancellationToken cancellationToken = default)
    {
        int sectors = RenewalReadSectors <= 0 ? Geometry.SectorsPerArea : Math.Clamp(Math.Max(RenewalReadSectors, HostId), 1, Geometry.SectorsPerArea);
        var readStarted = _clock.Now;
        using var buffer = await LeaseIo.ReadAsync(_disk, LockspaceOffset, sectors * Geometry.SectorSize, SanlockError.LeaderRead, Where, cancellationToken)
            .ConfigureAwait(false);
        var readCompleted = _clock.Now;
        return LockspaceSnapshot.FromArea(buffer.Span[..(sectors * Geometry.SectorSize)], Geometry, readStarted, readCompleted);
    }

    /// <summary>
    /// Leaves the lockspace: the last record with timestamp 0 and a zero bitmap. Only after a successful
    /// renewal (otherwise the slot may no longer be ours and is left alone).
    /// </summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (!IsHeld || !_lastRenewalSucceeded)
        {
            IsHeld = false;
            return;
        }

        IsHeld = false;
        _written = await WriteSlotAsync(_written with { Timestamp = 0 }, bitmap: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// True while the last success is less than 8T old: the host's own view of whether its delta lease (and so
    /// every paxos lease it holds) is still valid.
    /// </summary>
    public bool IsValidAt(TimeSpan now) => IsHeld && now - TimeSpan.FromSeconds(LastSuccess) < Timeouts.IdRenewalFail;

    /// <summary>Forget the slot without writing (the lockspace failed).</summary>
    public void Abandon()
    {
        IsHeld = false;
        _lastRenewalSucceeded = false;
    }

    private async Task<Leader> WriteSlotAsync(Leader record, ReadOnlyMemory<byte>? bitmap, CancellationToken cancellationToken)
    {
        using var buffer = _disk.AllocateBuffer(Geometry.SectorSize);
        var sector = buffer.Span[..Geometry.SectorSize];
        sector.Clear();
        record.Encode(sector);
        if (bitmap is { Length: > 0 } bits)
        {
            bits.Span[..Math.Min(bits.Length, HostBitmap.Size)].CopyTo(HostBitmap.Bits(sector));
        }

        await LeaseIo.WriteAsync(_disk, LockspaceLayout.SlotOffset(LockspaceOffset, Geometry, HostId), buffer, Geometry.SectorSize,
            SanlockError.LeaderWrite, Where, cancellationToken).ConfigureAwait(false);
        return record;
    }

    // Timestamp 0 means "free", so a host that boots into second 0 writes 1.
    private ulong NowTimestamp() => Math.Max(1, _clock.NowSeconds);

    /// <summary>Byte-for-byte equality of the 200-byte records (what sanlock compares).</summary>
    internal static bool SameRecord(in Leader a, in Leader b)
    {
        Span<byte> x = stackalloc byte[Leader.Size];
        Span<byte> y = stackalloc byte[Leader.Size];
        a.EncodeWithStoredChecksum(x);
        b.EncodeWithStoredChecksum(y);
        return x.SequenceEqual(y);
    }
}
