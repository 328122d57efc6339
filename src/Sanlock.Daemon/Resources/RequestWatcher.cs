using Microsoft.Extensions.Logging;
using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Killing;
using Sanlock.Daemon.Logging;
using Sanlock.Daemon.Spaces;
using Sanlock.Leases;
using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;

namespace Sanlock.Daemon.Resources;

/// <summary>The holder side of REQUEST (disk-format §6.5, §7.9; wire §4.13–4.14): when another host's renewal carries
/// our bitmap bit (at most once per set_bitmap_seconds per sender), or EXAMINE marks resources, read the request
/// records of the leases held here and signal the local holders a newer request asks to go. The lease itself is
/// released the usual way when the holder dies.</summary>
public sealed class RequestWatcher
{
    private readonly object _gate = new();
    private readonly Dictionary<(int SpaceId, int From), TimeSpan> _lastChecked = [];
    private readonly ResourceManager _resources;
    private readonly IMonotonicClock _clock;
    private readonly ILogger _log;

    public RequestWatcher(ResourceManager resources, IMonotonicClock clock, ILogger<RequestWatcher> log)
    {
        _resources = resources;
        _clock = clock;
        _log = log;
    }

    /// <summary>Host <paramref name="fromHostId"/> set our bit: check every lease held in the lockspace, unless this
    /// sender already caused a check within set_bitmap_seconds. Returns the check (completed when skipped).</summary>
    public Task OnHostBit(Space space, int fromHostId)
    {
        var now = _clock.Now;
        lock (_gate)
        {
            if (_lastChecked.TryGetValue((space.SpaceId, fromHostId), out var last) && now - last < space.Timeouts.SetBitmap)
            {
                return Task.CompletedTask;
            }
            _lastChecked[(space.SpaceId, fromHostId)] = now;
        }
        return Task.Run(() => CheckAsync(_resources.Marked(e => ReferenceEquals(e.Space, space))));
    }

    /// <summary>EXAMINE_LOCKSPACE (<paramref name="resourceName"/> null) / EXAMINE_RESOURCE: marks the matching held
    /// resources and checks them in the background; returns how many were marked.</summary>
    public int Examine(string spaceName, string? resourceName)
    {
        var marked = _resources.Marked(e => e.Space.Name == spaceName && (resourceName is null || e.Name == resourceName));
        if (marked.Count > 0)
        {
            _ = Task.Run(() => CheckAsync(marked));
        }
        return marked.Count;
    }

    /// <summary>Reads each marked entry's request record and acts on the ones that apply.</summary>
    public async Task CheckAsync(IReadOnlyList<ResourceEntry> entries)
    {
        foreach (var entry in entries)
        {
            var (held, holders) = _resources.TakeMark(entry);
            if (held is null || holders.Count == 0)
            {
                continue;
            }
            RequestRecord request;
            try
            {
                request = await entry.Lease.ReadRequestAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SanlockException or LeaseIoException)
            {
                DaemonLog.RequestUnreadable(_log, entry.Space.Name, entry.Name, e.Message);
                continue;
            }
            if (!PaxosLease.RequestApplies(request, held.Lver))
            {
                continue;
            }
            DaemonLog.RequestSeen(_log, entry.Space.Name, entry.Name, request.Lver, request.ForceMode, held.Lver, holders.Count);
            foreach (var client in holders)
            {
                Act(client, RequestKill.For(request.ForceMode, client.KillPath is { Path.Length: > 0 }), entry);
            }
        }
    }

    private void Act(ClientState client, KillAction? action, ResourceEntry entry)
    {
        string reason = $"request on {entry.Space.Name}:{entry.Name}";
        switch (action)
        {
            case KillAction.Sigkill:
                DaemonLog.Killing(_log, client.Pid, Signals.For(client.Restricted, Signals.Sigkill), reason);
                Signals.Send(client, Signals.Sigkill);
                break;
            case KillAction.Sigterm:
                DaemonLog.Killing(_log, client.Pid, Signals.For(client.Restricted, Signals.Sigterm), reason);
                Signals.Send(client, Signals.Sigterm);
                break;
            case KillAction.RunKillPath:
                KillPathRunner.Run(client, _log);
                break;
        }
    }
}
