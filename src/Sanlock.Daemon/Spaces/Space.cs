using Sanlock.Leases;
using Sanlock.Leases.Delta;
using Sanlock.OnDisk;
using Sanlock.Protocol.Structs;

namespace Sanlock.Daemon.Spaces;

/// <summary>A lockspace this daemon has been asked to join: its identity, phase, the lease engine's lockspace once
/// the disk is open, and the figures STATUS reports.</summary>
public sealed class Space
{
    private readonly object _historyGate = new();
    private readonly Queue<RenewalRecord> _history = new();

    public Space(int spaceId, string name, int hostId, string path, ulong offset, int ioTimeoutSeconds)
    {
        SpaceId = spaceId;
        Name = name;
        HostId = hostId;
        Path = path;
        Offset = offset;
        IoTimeoutSeconds = ioTimeoutSeconds;
    }

    public int SpaceId { get; }

    public string Name { get; }

    public int HostId { get; }

    public string Path { get; }

    public ulong Offset { get; }

    public int IoTimeoutSeconds { get; }

    public Timeouts Timeouts => new(IoTimeoutSeconds);

    public SpacePhase Phase { get; set; } = SpacePhase.Adding;

    /// <summary>Set once the delta lease is held.</summary>
    public Lockspace? Engine { get; set; }

    public ILeaseDisk? Disk { get; set; }

    public LeaseGeometry Geometry { get; set; } = LeaseGeometry.Default;

    public CancellationTokenSource Stopping { get; } = new();

    public Task? Renewals { get; set; }

    /// <summary>Completes when the join ends (true: joined).</summary>
    public TaskCompletionSource<int> Joined { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsFailed => Engine?.IsFailed ?? false;

    /// <summary>Joined, renewing, and the last renewal is recent enough to act on its leases.</summary>
    public bool IsUsable => Phase == SpacePhase.Joined && Engine is { IsValid: true };

    public int AcquireLastResult { get; set; }

    public ulong AcquireLastAttempt { get; set; }

    public ulong AcquireLastSuccess { get; set; }

    public int RenewalLastResult { get; set; }

    public ulong RenewalLastAttempt { get; set; }

    public ulong RenewalLastSuccess { get; set; }

    public bool KillingPids { get; set; }

    /// <summary>Set when removal (REM_LOCKSPACE, forced shutdown) starts: from then on the leases of this lockspace are
    /// dropped without a release on disk, as sanlock 3.8.5 does (the killed holder's leader keeps its timestamp; the
    /// delta lease release that follows frees it for other hosts).</summary>
    public bool Leaving { get; set; }

    public bool UsedByConfig { get; set; }

    public bool UsedByOrphansConfig { get; set; }

    /// <summary>Event channels registered with REG_EVENT.</summary>
    public List<System.Net.Sockets.Socket> EventChannels { get; } = [];

    /// <summary>The time the last host event was set (for SET_EVENT's −EBUSY rule).</summary>
    public TimeSpan LastEventSet { get; set; }

    public SanlkHostEvent LastEvent { get; set; }

    /// <summary>One resource index command of this lockspace at a time (others get −16).</summary>
    public SemaphoreSlim RindexGate { get; } = new(1, 1);

    /// <summary>The identity as a client would send it back (inq/rem matching, GET_LOCKSPACES).</summary>
    public SanlkLockspace ToWire(Protocol.Flags.LockspaceFlags flags = Protocol.Flags.LockspaceFlags.None) =>
        new(Name, (ulong)HostId, flags, new SanlkDisk(Path, Offset));

    public void RecordRenewal(RenewalRecord record, int historySize)
    {
        lock (_historyGate)
        {
            _history.Enqueue(record);
            while (_history.Count > historySize)
            {
                _history.Dequeue();
            }
        }
    }

    public RenewalRecord[] RenewalHistory()
    {
        lock (_historyGate)
        {
            return [.. _history];
        }
    }
}

/// <summary>One renewal as RENEWAL reports it.</summary>
public readonly record struct RenewalRecord(ulong Timestamp, int ReadMs, int WriteMs, int NextTimeouts, int NextErrors);
