using Microsoft.Extensions.Logging;
using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Logging;
using Sanlock.Daemon.Spaces;
using Sanlock.Daemon.Storage;
using Sanlock.Leases;
using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.Daemon.Resources;

/// <summary>Every resource lease this host holds, keyed by lockspace + resource name (§4.7–4.10, disk-format §7).</summary>
/// <remarks>The table lock is held only to decide and record; disk paxos runs outside it, so acquires of different
/// resources proceed in parallel, and a second local request for a resource being acquired fails at once (−16).</remarks>
public sealed class ResourceManager
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Space, string Name), ResourceEntry> _entries = [];
    private readonly LeaseDiskCache _disks;
    private readonly IMonotonicClock _clock;
    private readonly ILogger _log;
    private int _nextResId = 1;

    public ResourceManager(LeaseDiskCache disks, IMonotonicClock clock, ILogger<ResourceManager> log)
    {
        _disks = disks;
        _clock = clock;
        _log = log;
    }

    public List<ResourceEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.Values];
        }
    }

    /// <summary>A consistent copy of every hold for STATUS: (entry, token, phase label).</summary>
    public List<(ResourceEntry Entry, Token Token, string List)> Holds()
    {
        var result = new List<(ResourceEntry, Token, string)>();
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                string list = entry.Phase switch { ResourcePhase.Acquiring => "add", ResourcePhase.Releasing => "rem", _ => "held" };
                foreach (var token in entry.Holders)
                {
                    result.Add((entry, token, list));
                }
                if (entry.Pending is { } pending)
                {
                    result.Add((entry, pending, "add"));
                }
            }
            foreach (var entry in _entries.Values)
            {
                if (entry.Orphan is { } orphan)
                {
                    result.Add((entry, orphan, "orphan"));
                }
            }
        }
        return result;
    }

    /// <summary>True when any resource of the lockspace is held, in transition or orphaned (REM_UNUSED).</summary>
    public bool AnyIn(Space space)
    {
        lock (_gate)
        {
            return _entries.Values.Any(e => ReferenceEquals(e.Space, space));
        }
    }

    /// <summary>Acquires one resource for <paramref name="target"/> (§4.7.3). The token is attached by the caller.</summary>
    public async Task<(int Result, Token? Token)> AcquireAsync(Space space, ClientState target, SanlkResource res, uint cmdFlags, CancellationToken cancellationToken)
    {
        var mode = (res.Flags & ResourceFlags.Shared) != 0 ? LeaseMode.Shared : LeaseMode.Exclusive;
        bool persistent = (res.Flags & ResourceFlags.Persistent) != 0;
        bool lvb = (cmdFlags & CommandFlags.AcquireLvb) != 0;
        bool orphanOk = (cmdFlags & (CommandFlags.AcquireOrphan | CommandFlags.AcquireOrphanOnly)) != 0;
        ResourceEntry entry;
        Token token;
        lock (_gate)
        {
            if (_entries.TryGetValue((res.LockspaceName, res.Name), out var existing))
            {
                if (existing.Phase == ResourcePhase.Releasing)
                {
                    return ((int)SanlockError.EAGAIN, null);
                }
                if (existing.Phase == ResourcePhase.Acquiring)
                {
                    return ((int)SanlockError.EBUSY, null);
                }
                if (existing.Orphan is { } orphan)
                {
                    if (!orphanOk || orphan.Mode != mode)
                    {
                        return ((int)SanlockError.EUCLEAN, null);
                    }
                    existing.Orphan = null;
                    orphan.Holder = target;
                    orphan.LastPid = target.Pid;
                    orphan.Persistent = persistent;
                    orphan.Lvb = lvb;
                    existing.Holders.Add(orphan);
                    return (0, orphan);
                }
                if (mode == LeaseMode.Shared && existing.Holders.All(h => h.Mode == LeaseMode.Shared))
                {
                    var shared = new Token(existing, target, mode, persistent, lvb) { LastPid = target.Pid };
                    existing.Holders.Add(shared);
                    return (0, shared);
                }
                return ((int)SanlockError.EEXIST, null);
            }
            if ((cmdFlags & CommandFlags.AcquireOrphanOnly) != 0)
            {
                return ((int)SanlockError.ENOENT, null);
            }
            if (res.Disks.Count == 0)
            {
                return ((int)SanlockError.ERANGE, null);
            }
            ILeaseDisk disk;
            try
            {
                disk = new IoTimeoutDisk(_disks.Get(res.Disks[0].Path), space.Timeouts.IoTimeout);
            }
            catch (LeaseIoException e)
            {
                return (e.Errno > 0 ? -e.Errno : (int)SanlockError.EIO, null);
            }
            PaxosLease lease;
            try
            {
                lease = new PaxosLease(disk, (long)res.Disks[0].Offset, space.Geometry, res.LockspaceName, res.Name, _clock, SystemRandomSource.Instance);
            }
            catch (ArgumentException)
            {
                return ((int)SanlockError.EINVAL, null);
            }
            entry = new ResourceEntry(space, res with { Disks = [.. res.Disks], NumDisks = (uint)res.Disks.Count }, lease, _nextResId++);
            token = new Token(entry, target, mode, persistent, lvb) { LastPid = target.Pid };
            entry.Pending = token;
            _entries[(res.LockspaceName, res.Name)] = entry;
        }

        int result;
        try
        {
            var options = new AcquireOptions
            {
                Mode = mode,
                ExpectedLver = (res.Flags & ResourceFlags.Lver) != 0 ? res.Lver : null,
                OwnerNoWait = (cmdFlags & CommandFlags.AcquireOwnerNowait) != 0,
                NewNumHosts = (res.Flags & ResourceFlags.NumHosts) != 0 ? res.Data32 : null,
            };
            var engine = space.Engine ?? throw new SanlockException(SanlockError.ENOSPC, $"lockspace {space.Name} is not joined");
            // Removing the lockspace stops an acquire in flight: granted afterwards, the lease would carry a host
            // generation that is no longer ours and another host could take it at once (chaos run, seed 8).
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, space.Stopping.Token);
            var held = await entry.Lease.AcquireAsync(engine, options, stopping.Token).ConfigureAwait(false);
            if (lvb)
            {
                entry.Lvb = await entry.Lease.ReadLvbAsync(stopping.Token).ConfigureAwait(false);
            }
            bool removed;
            bool lapsed;
            lock (_gate)
            {
                entry.Held = held;
                removed = space.Stopping.IsCancellationRequested;
                // A pause or stall longer than 8T while the acquire waited: the lockspace is failing (whether or not
                // the renewal loop has noticed yet), so this lease must not be handed out. The real 3.8.5 grants it
                // and, once the lockspace is re-added, holds it under the dead generation (chaos soak, seed 1304).
                lapsed = !engine.IsValid;
                if (!removed && !lapsed)
                {
                    entry.Phase = ResourcePhase.Held;
                    entry.Pending = null;
                    entry.Holders.Add(token);
                }
            }
            if (removed || lapsed)
            {
                await ReleaseOnDiskAsync(entry).ConfigureAwait(false);
                throw new SanlockException(SanlockError.ENOSPC,
                    $"lockspace {space.Name} was {(removed ? "removed" : "not renewed for 8T")} during the acquire");
            }
            result = 0;
        }
        catch (Exception e) when (e is SanlockException or LeaseIoException or ArgumentException or OperationCanceledException)
        {
            result = e switch
            {
                SanlockException s => s.Code,
                LeaseIoException io => io.Errno > 0 ? -io.Errno : (int)SanlockError.EIO,
                ArgumentException => (int)SanlockError.EINVAL,
                OperationCanceledException when space.Stopping.IsCancellationRequested => (int)SanlockError.ENOSPC,
                _ => (int)SanlockError.EPERM,
            };
            lock (_gate)
            {
                _entries.Remove((res.LockspaceName, res.Name));
            }
        }
        DaemonLog.Resource(_log, res.LockspaceName, res.Name, mode == LeaseMode.Shared ? "acquire SH" : "acquire EX", target.Pid, result);
        return result == 0 ? (0, token) : (result, null);
    }

    /// <summary>Drops one holder; the last local holder releases on disk (LVB written first when set), giving the
    /// lease <paramref name="newName"/> in the same leader write when one is asked for (REL_RENAME).</summary>
    public async Task<int> ReleaseAsync(Token token, string? newName = null)
    {
        var entry = token.Resource;
        lock (_gate)
        {
            if (!entry.Holders.Remove(token))
            {
                return (int)SanlockError.EPERM;
            }
            if (entry.Holders.Count > 0 || entry.Orphan is not null)
            {
                return 0;
            }
            entry.Phase = ResourcePhase.Releasing;
        }
        int result = await ReleaseOnDiskAsync(entry, newName).ConfigureAwait(false);
        DaemonLog.Resource(_log, entry.Space.Name, entry.Name, newName is null ? "release" : $"release renaming to {newName}", token.LastPid, result);
        return result;
    }

    /// <summary>The holder went away: persistent holds become orphans, the rest are released.</summary>
    public async Task DropHolderAsync(Token token)
    {
        if (token.Persistent)
        {
            lock (_gate)
            {
                if (token.Resource.Holders.Remove(token))
                {
                    token.Holder = null;
                    token.Resource.Orphan ??= token;
                    return;
                }
            }
        }
        await ReleaseAsync(token).ConfigureAwait(false);
    }

    /// <summary>RELEASE with REL_ORPHAN: releases matching orphans, returns how many.</summary>
    public async Task<int> ReleaseOrphansAsync(string space, string name)
    {
        var doomed = new List<ResourceEntry>();
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                if (entry.Orphan is not null && entry.Space.Name == space && (name.Length == 0 || entry.Name == name))
                {
                    entry.Orphan = null;
                    if (entry.Holders.Count == 0)
                    {
                        entry.Phase = ResourcePhase.Releasing;
                        doomed.Add(entry);
                    }
                }
            }
        }
        foreach (var entry in doomed)
        {
            await ReleaseOnDiskAsync(entry).ConfigureAwait(false);
        }
        return doomed.Count;
    }

    /// <summary>CONVERT (§4.10): the token's mode changes on disk; other local shared holders block SH→EX.</summary>
    public async Task<int> ConvertAsync(Token token, LeaseMode to, CancellationToken cancellationToken)
    {
        var entry = token.Resource;
        HeldLease held;
        lock (_gate)
        {
            if (token.Mode == to)
            {
                return (int)SanlockError.EALREADY;
            }
            if (entry.Phase != ResourcePhase.Held || entry.Held is null)
            {
                return (int)SanlockError.EBUSY;
            }
            if (to == LeaseMode.Exclusive && entry.Holders.Count > 1)
            {
                return (int)SanlockError.EAGAIN;
            }
            if (to == LeaseMode.Shared && entry.Holders.Count > 1)
            {
                token.Mode = to;
                return 0;
            }
            held = entry.Held;
            entry.Phase = ResourcePhase.Acquiring;
        }
        int result = 0;
        try
        {
            var engine = entry.Space.Engine ?? throw new SanlockException(SanlockError.ENOSPC, "lockspace not joined");
            held = await entry.Lease.ConvertAsync(engine, held, to, cancellationToken).ConfigureAwait(false);
        }
        catch (SanlockException e)
        {
            result = e.Code;
        }
        catch (LeaseIoException e)
        {
            result = e.Errno > 0 ? -e.Errno : (int)SanlockError.EIO;
        }
        lock (_gate)
        {
            entry.Phase = ResourcePhase.Held;
            if (result == 0)
            {
                entry.Held = held;
                token.Mode = to;
            }
        }
        DaemonLog.Resource(_log, entry.Space.Name, entry.Name, to == LeaseMode.Shared ? "convert SH" : "convert EX", token.LastPid, result);
        return result;
    }

    /// <summary>A held resource of this host by names (for LVB and EXAMINE), or null.</summary>
    public ResourceEntry? FindHeld(string space, string name)
    {
        lock (_gate)
        {
            return _entries.TryGetValue((space, name), out var entry) && entry.Phase == ResourcePhase.Held ? entry : null;
        }
    }

    /// <summary>Marks the held resources matching <paramref name="match"/> for a request check (EXAMINE, a host bit).</summary>
    public List<ResourceEntry> Marked(Func<ResourceEntry, bool> match)
    {
        lock (_gate)
        {
            var marked = _entries.Values.Where(e => e.Phase == ResourcePhase.Held && match(e)).ToList();
            foreach (var entry in marked)
            {
                entry.ExamineRequested = true;
            }
            return marked;
        }
    }

    /// <summary>Clears the request-check mark of <paramref name="entry"/>; returns its hold and live holders, or
    /// (null, []) when it was not marked or is no longer held.</summary>
    public (HeldLease? Held, List<ClientState> Holders) TakeMark(ResourceEntry entry)
    {
        lock (_gate)
        {
            if (!entry.ExamineRequested || entry.Phase != ResourcePhase.Held || entry.Held is null)
            {
                entry.ExamineRequested = false;
                return (null, []);
            }
            entry.ExamineRequested = false;
            return (entry.Held, [.. entry.Holders.Select(t => t.Holder).OfType<ClientState>().Distinct()]);
        }
    }

    private async Task<int> ReleaseOnDiskAsync(ResourceEntry entry, string? newName = null)
    {
        int result = 0;
        try
        {
            // Nothing is written once our delta lease may have expired: another host may already be taking the lease
            // over, and a late release could overwrite its leader.
            if (entry.Held is { } held && entry.Space.Engine is { IsValid: true } && !entry.Space.Leaving)
            {
                if (entry.LvbDirty && entry.Lvb is { } lvb)
                {
                    await entry.Lease.WriteLvbAsync(held, lvb).ConfigureAwait(false);
                }
                LeaseName? rename = newName is null ? default(LeaseName?) : new LeaseName(newName);
                await entry.Lease.ReleaseAsync(held, rename, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (SanlockException e)
        {
            result = e.Code;
            DaemonLog.ReleaseFailed(_log, entry.Space.Name, entry.Name, e.Message);
        }
        catch (LeaseIoException e)
        {
            result = (int)SanlockError.LeaderWrite;
            DaemonLog.ReleaseFailed(_log, entry.Space.Name, entry.Name, e.Message);
        }
        lock (_gate)
        {
            if (_entries.TryGetValue((entry.Space.Name, entry.Name), out var current) && ReferenceEquals(current, entry))
            {
                _entries.Remove((entry.Space.Name, entry.Name));
            }
        }
        return result;
    }
}
