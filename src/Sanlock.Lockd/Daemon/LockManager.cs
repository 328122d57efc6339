using Microsoft.Extensions.Logging;
using Sanlock.Libvirt;
using Sanlock.Libvirt.LockdPlugin;
using Sanlock.Lockd.Locking;
using Sanlock.Lockd.Native;
using Sanlock.Lockd.Protocol;

namespace Sanlock.Lockd.Daemon;

/// <summary>
/// The daemon's locks: names disks (qemu-lockd.conf rules), takes and drops the fcntl locks, and keeps the table of
/// owners. Every call runs under one gate; fcntl is non-blocking, so no call waits on another host.
/// </summary>
public sealed class LockManager : IDisposable
{
    private const int SIGTERM = 15;
    private static readonly TimeSpan OwnerExitGrace = TimeSpan.FromMilliseconds(500);
    private readonly Lock _gate = new();
    private readonly LockTable<LockFile> _table = new();
    private readonly OwnerRegistry _owners = new();
    private readonly LockdDiskNamer _namer;
    private readonly ILogger _log;

    public LockManager(LockdDiskNamer namer, ILogger<LockManager> log)
    {
        _namer = namer;
        _log = log;
    }

    public int LockCount
    {
        get
        {
            lock (_gate)
            {
                return _table.Count;
            }
        }
    }

    /// <exception cref="LibvirtException">the pid is not a running process, or the connection registered already.</exception>
    public void Register(ClientSession session, int pid)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.OwnerPid is not null)
        {
            throw new LibvirtException(LibvirtErrorCode.OperationInvalid, $"this connection already registered pid {session.OwnerPid}");
        }

        if (pid <= 0 || ProcStat.StartTime(pid) is not { } startTime)
        {
            throw new LibvirtException(LibvirtErrorCode.InvalidArgument, $"pid {pid} is not a running process");
        }

        lock (_gate)
        {
            if (_owners.Register(pid, startTime))
            {
                ReleaseAllLocked(pid, "its pid now names another process");
            }

            session.Register(pid);
        }

        LockdLog.Registered(_log, pid, session.PeerPid, session.Attached);
    }

    /// <summary>Locks every disk or none: on the first refusal the locks this request took are dropped again.</summary>
    /// <exception cref="LibvirtException">no owner registered, bad disk, or a lock held elsewhere.</exception>
    public IReadOnlyList<LockInfo> Acquire(ClientSession session, IReadOnlyList<DiskRequest> disks)
    {
        int owner = OwnerOf(session);
        var resources = disks.Select(d => (Disk: d, Resource: Name(d, mustExist: true))).ToList();
        lock (_gate)
        {
            var taken = new List<LockdResource>();
            try
            {
                foreach (var (disk, resource) in resources)
                {
                    AcquireOneLocked(owner, disk.Path, resource);
                    taken.Add(resource);
                }
            }
            catch (LibvirtException)
            {
                foreach (var resource in taken)
                {
                    ReleaseOneLocked(owner, resource);
                }

                throw;
            }

            return [.. _table.HeldBy(owner).Select(Info)];
        }
    }

    /// <summary>Releases every named disk, or none when one of them is not held by this owner.</summary>
    public void Release(ClientSession session, IReadOnlyList<DiskRequest> disks)
    {
        int owner = OwnerOf(session);
        var resources = disks.Select(d => Name(d, mustExist: false)).ToList();
        lock (_gate)
        {
            foreach (var resource in resources)
            {
                var held = _table.Find(resource.LockFilePath) ?? throw LockdMessages.NotLocked(resource.Name);
                if (!held.Owners.Contains(owner))
                {
                    throw LockdMessages.OwnerDoesNotHold(owner);
                }
            }

            foreach (var resource in resources)
            {
                ReleaseOneLocked(owner, resource);
            }
        }
    }

    public IReadOnlyList<LockInfo> Inquire(ClientSession session)
    {
        int owner = OwnerOf(session);
        lock (_gate)
        {
            return [.. _table.HeldBy(owner).Select(Info)];
        }
    }

    /// <summary>An attached connection closed: its owner's locks go now, and a still-running owner that held any is
    /// sent SIGTERM, since it would otherwise run on without the locks it was started under (spec §6.4).</summary>
    public void ConnectionClosed(ClientSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.OwnerToReleaseOnClose is not { } pid)
        {
            return;
        }

        int released;
        ulong? startTime;
        lock (_gate)
        {
            startTime = _owners.StartTimeOf(pid);
            released = ReleaseAllLocked(pid, "its connection closed");
            _owners.Forget(pid);
        }

        if (released > 0 && startTime is { } start)
        {
            _ = KillIfStillRunningAsync(pid, start);
        }
    }

    /// <summary>A normal exit closes the socket a moment before the process is gone: look again after a grace period.</summary>
    private async Task KillIfStillRunningAsync(int pid, ulong startTime)
    {
        await Task.Delay(OwnerExitGrace).ConfigureAwait(false);
        if (ProcStat.StartTime(pid) == startTime && LibC.Kill(pid, SIGTERM) == 0)
        {
            LockdLog.KilledOwner(_log, pid);
        }
    }

    /// <summary>Releases the locks of owners whose process is gone (or whose pid was reused); returns those pids.</summary>
    public IReadOnlyList<int> ReapDeadOwners()
    {
        lock (_gate)
        {
            var dead = _owners.Dead(ProcStat.StartTime);
            foreach (int pid in dead)
            {
                ReleaseAllLocked(pid, "the process is gone");
                _owners.Forget(pid);
            }

            return dead;
        }
    }

    /// <summary>Runs <paramref name="handOver"/> with every request blocked (the restart in place execs inside it).</summary>
    public void Frozen(Action<IReadOnlyDictionary<int, ulong>, IReadOnlyList<RestartLock>> handOver)
    {
        ArgumentNullException.ThrowIfNull(handOver);
        lock (_gate)
        {
            var owners = _owners.Pids.ToDictionary(pid => pid, pid => _owners.StartTimeOf(pid)!.Value);
            var locks = _table.All.Select(h => new RestartLock(h.Handle.Fd, h.Resource, h.DiskPath, [.. h.Owners])).ToList();
            handOver(owners, locks);
        }
    }

    /// <summary>Takes over the locks (fds still open and locked) and owners an earlier image of this process held.</summary>
    public void Restore(RestartState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            foreach (var (pid, start) in state.Owners)
            {
                _owners.Register(pid, start);
            }

            foreach (var l in state.Locks)
            {
                _table.Add(l.Resource, l.DiskPath, LockFile.Adopt(l.Fd, l.Resource), l.Owners[0]);
                foreach (int owner in l.Owners.Skip(1))
                {
                    _table.JoinShared(l.Resource, owner);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var held in _table.All)
            {
                held.Handle.Dispose();
            }
        }
    }

    private static LockInfo Info(HeldLock<LockFile> held) =>
        new(held.DiskPath, held.Resource.LockFilePath, held.Shared, held.Resource.AutoCreate);

    private static int OwnerOf(ClientSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.OwnerPid ?? throw LockdMessages.OwnerNotRegistered();
    }

    private LockdResource Name(DiskRequest disk, bool mustExist)
    {
        if (!Path.IsPathFullyQualified(disk.Path))
        {
            throw new LibvirtException(LibvirtErrorCode.InvalidArgument, $"disk path '{disk.Path}' is not absolute");
        }

        if (mustExist && !Path.Exists(disk.Path))
        {
            throw LockdMessages.OpenFailed(disk.Path, autoCreate: false, LibC.ENOENT);
        }

        try
        {
            return _namer.Name(disk.Path, disk.Shared);
        }
        catch (LibvirtException e) when (!e.Detail.Contains(disk.Path, StringComparison.Ordinal))
        {
            throw new LibvirtException(e.Code, $"cannot name disk '{disk.Path}': {e.Detail}");
        }
    }

    private void AcquireOneLocked(int owner, string diskPath, LockdResource resource)
    {
        switch (_table.Decide(resource, owner))
        {
            case LockDecision.JoinShared:
                _table.JoinShared(resource, owner);
                break;
            case LockDecision.Busy:
                var holders = string.Join(", ", _table.Find(resource.LockFilePath)!.Owners);
                throw LockdErrors.Busy(resource, $"held by owner pid {holders} of this lockd daemon");
            default:
                var file = LockFile.Acquire(resource);
                _table.Add(resource, diskPath, file, owner);
                break;
        }

        LockdLog.Acquired(_log, owner, resource.LockFilePath, resource.Shared);
    }

    private void ReleaseOneLocked(int owner, LockdResource resource)
    {
        if (_table.Release(resource.LockFilePath, owner, out var last) == ReleaseOutcome.LastOwnerGone)
        {
            last!.Handle.ReleaseAndDispose();
        }

        LockdLog.Released(_log, owner, resource.LockFilePath);
    }

    private int ReleaseAllLocked(int pid, string reason)
    {
        var held = _table.HeldBy(pid).Count;
        foreach (var gone in _table.ReleaseAll(pid))
        {
            gone.Handle.ReleaseAndDispose();
        }

        if (held > 0)
        {
            LockdLog.ReleasedAll(_log, pid, held, reason);
        }

        return held;
    }
}
