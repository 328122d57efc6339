using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Sanlock.Daemon.Logging;
using Sanlock.Daemon.Storage;
using Sanlock.Leases;
using Sanlock.Leases.Delta;
using Sanlock.OnDisk;
using Sanlock.Protocol.Structs;

namespace Sanlock.Daemon.Spaces;

/// <summary>Joins, renews and leaves lockspaces (ADD/INQ/REM_LOCKSPACE, §4.3–4.5; disk-format §6).</summary>
public sealed class SpaceManager
{
    private static readonly TimeSpan _renewalPoll = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private readonly List<Space> _spaces = [];
    private readonly LeaseDiskCache _disks;
    private readonly DaemonOptions _options;
    private readonly IMonotonicClock _clock;
    private readonly ILogger _log;
    private int _nextSpaceId = 1;

    public SpaceManager(LeaseDiskCache disks, DaemonOptions options, IMonotonicClock clock, ILogger<SpaceManager> log, string hostName)
    {
        _disks = disks;
        _options = options;
        _clock = clock;
        _log = log;
        HostName = hostName;
    }

    /// <summary>The name written into our delta leases (and shown as the daemon's name by STATUS).</summary>
    public string HostName { get; }

    /// <summary>Raised (on a worker thread) when a joined lockspace can no longer be renewed.</summary>
    public event Action<Space>? SpaceFailed;

    /// <summary>Raised when another host's renewal carries an event for us: (space, from host, its record).</summary>
    public event Action<Space, int, Leader>? EventReceived;

    public List<Space> Snapshot()
    {
        lock (_gate)
        {
            return [.. _spaces];
        }
    }

    /// <summary>The joined (or joining/leaving) lockspace with this name.</summary>
    public Space? Find(string name)
    {
        lock (_gate)
        {
            return _spaces.FirstOrDefault(s => s.Name == name);
        }
    }

    /// <summary>ADD_LOCKSPACE: validation and conflicts decided at once; the join itself returns a task.</summary>
    public (SanlockError Error, Space? Space) BeginAdd(SanlkLockspace request, int ioTimeoutSeconds)
    {
        if (request.Name.Length == 0 || request.HostId == 0 || request.HostIdDisk.Path.Length == 0)
        {
            return (SanlockError.EINVAL, null);
        }
        lock (_gate)
        {
            foreach (var s in _spaces)
            {
                bool sameName = s.Name == request.Name;
                bool sameDisk = s.Path == request.HostIdDisk.Path && s.Offset == request.HostIdDisk.Offset;
                if (sameName && sameDisk && (ulong)s.HostId == request.HostId)
                {
                    return s.Phase switch
                    {
                        SpacePhase.Adding => (SanlockError.EINPROGRESS, null),
                        SpacePhase.Removing => (SanlockError.EAGAIN, null),
                        _ => (SanlockError.EEXIST, null),
                    };
                }
                if (sameName || sameDisk)
                {
                    return (SanlockError.EINVAL, null);
                }
            }
            if (request.HostId > 2000)
            {
                return (SanlockError.AddLsInvalidHostId, null);
            }
            int timeout = ioTimeoutSeconds > 0 ? Math.Min(ioTimeoutSeconds, 255) : _options.IoTimeoutSeconds;
            var space = new Space(_nextSpaceId++, request.Name, (int)request.HostId, request.HostIdDisk.Path, request.HostIdDisk.Offset, timeout);
            _spaces.Add(space);
            _ = Task.Run(() => JoinAsync(space));
            return (SanlockError.Ok, space);
        }
    }

    /// <summary>INQ_LOCKSPACE: 0 joined, −2 unknown, −115 being added or removed (§4.4).</summary>
    public SanlockError Inquire(SanlkLockspace request)
    {
        var space = Match(request);
        return space is null ? SanlockError.ENOENT
            : space.Phase == SpacePhase.Joined ? SanlockError.Ok
            : SanlockError.EINPROGRESS;
    }

    /// <summary>The lockspace matching name, path and offset (and host_id unless the request's is 0).</summary>
    public Space? Match(SanlkLockspace request)
    {
        lock (_gate)
        {
            return _spaces.FirstOrDefault(s => s.Name == request.Name && s.Path == request.HostIdDisk.Path
                && s.Offset == request.HostIdDisk.Offset && (request.HostId == 0 || (ulong)s.HostId == request.HostId));
        }
    }

    /// <summary>REM_LOCKSPACE after the caller checked REM_UNUSED: marks it, stops renewing, leaves, forgets.</summary>
    public SanlockError BeginRemove(Space space, out Task finished)
    {
        finished = Task.CompletedTask;
        lock (_gate)
        {
            if (space.Phase == SpacePhase.Removing)
            {
                return SanlockError.EINPROGRESS;
            }
            bool wasAdding = space.Phase == SpacePhase.Adding;
            space.Phase = SpacePhase.Removing;
            if (wasAdding)
            {
                space.Stopping.Cancel();
                finished = space.Joined.Task.ContinueWith(_ => Forget(space), TaskScheduler.Default);
                return SanlockError.Ok;
            }
        }
        finished = Task.Run(() => LeaveAsync(space));
        return SanlockError.Ok;
    }

    /// <summary>Leaves every lockspace (daemon shutdown).</summary>
    public async Task LeaveAllAsync()
    {
        var leaving = new List<Task>();
        foreach (var space in Snapshot())
        {
            if (BeginRemove(space, out Task finished) == SanlockError.Ok)
            {
                leaving.Add(finished);
            }
        }
        await Task.WhenAll(leaving).ConfigureAwait(false);
    }

    private async Task JoinAsync(Space space)
    {
        int result;
        var started = _clock.NowSeconds;
        space.AcquireLastAttempt = started;
        DaemonLog.JoinStarted(_log, space.Name, space.HostId, space.Path, space.Offset, space.IoTimeoutSeconds);
        try
        {
            ILeaseDisk disk;
            try
            {
                disk = new IoTimeoutDisk(_disks.Get(space.Path), space.Timeouts.IoTimeout);
            }
            catch (LeaseIoException e)
            {
                DaemonLog.JoinFailed(_log, space.Name, (int)SanlockError.ENODEV, e.Message);
                Finish(space, (int)SanlockError.ENODEV);
                return;
            }
            space.Disk = disk;
            space.Geometry = await DeltaLease.ProbeGeometryAsync(disk, (long)space.Offset, space.Name, space.Stopping.Token).ConfigureAwait(false);
            if (space.HostId > space.Geometry.MaxHosts)
            {
                Finish(space, (int)SanlockError.AddLsInvalidHostId);
                return;
            }
            var engine = new Lockspace(disk, (long)space.Offset, space.Geometry, space.Name, space.HostId, HostName, space.Timeouts, _clock);
            engine.BitmapNotified = (from, record) => EventReceived?.Invoke(space, from, record);
            await engine.JoinAsync(space.Stopping.Token).ConfigureAwait(false);
            space.Engine = engine;
            space.AcquireLastSuccess = engine.Delta.LastSuccess;
            space.RenewalLastAttempt = engine.Delta.LastSuccess;
            space.RenewalLastSuccess = engine.Delta.LastSuccess;
            lock (_gate)
            {
                if (space.Phase == SpacePhase.Removing)
                {
                    result = (int)SanlockError.EPERM;
                }
                else
                {
                    space.Phase = SpacePhase.Joined;
                    space.Renewals = Task.Run(() => RenewLoopAsync(space));
                    result = 0;
                }
            }
            if (result != 0)
            {
                await engine.LeaveAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            result = (int)SanlockError.EPERM;
        }
        catch (SanlockException e)
        {
            DaemonLog.JoinFailed(_log, space.Name, e.Code, e.Message);
            result = e.Code;
        }
        catch (LeaseIoException e)
        {
            DaemonLog.JoinFailed(_log, space.Name, (int)SanlockError.LeaderRead, e.Message);
            result = (int)SanlockError.LeaderRead;
        }
        catch (ArgumentException e)
        {
            DaemonLog.JoinFailed(_log, space.Name, (int)SanlockError.EINVAL, e.Message);
            result = (int)SanlockError.EINVAL;
        }
        Finish(space, result);
    }

    private void Finish(Space space, int result)
    {
        space.AcquireLastResult = result == 0 ? 1 : result;
        if (result == 0)
        {
            DaemonLog.Joined(_log, space.Name, space.HostId, space.Engine!.Generation);
        }
        else
        {
            Forget(space);
        }
        space.Joined.TrySetResult(result);
    }

    private void Forget(Space space)
    {
        lock (_gate)
        {
            _spaces.Remove(space);
        }
    }

    /// <summary>Renew every 2T; a failed renewal is retried (Polly, constant 1 s) until it succeeds or the fail
    /// deadline (8T after the last success, disk-format §6.1) has passed — then the lockspace has failed.</summary>
    private async Task RenewLoopAsync(Space space)
    {
        var engine = space.Engine!;
        var token = space.Stopping.Token;
        var retry = new ResiliencePipelineBuilder<bool>()
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && !args.Outcome.Result && !engine.IsFailed
                    && !token.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.FromSeconds(1),
            })
            .Build();
        try
        {
            while (!token.IsCancellationRequested)
            {
                var sinceSuccess = _clock.Now - TimeSpan.FromSeconds(engine.Delta.LastSuccess);
                if (sinceSuccess < space.Timeouts.IdRenewal)
                {
                    await _clock.DelayAsync(Min(_renewalPoll, space.Timeouts.IdRenewal - sinceSuccess), token).ConfigureAwait(false);
                    continue;
                }
                bool renewed = await retry.ExecuteAsync(async ct => await RenewOnceAsync(space, engine, ct).ConfigureAwait(false), token).ConfigureAwait(false);
                if (!renewed && engine.IsFailed)
                {
                    DaemonLog.RenewalFailed(_log, space.Name, (int)(engine.FailedWith ?? SanlockError.Error));
                    SpaceFailed?.Invoke(space);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> RenewOnceAsync(Space space, Lockspace engine, CancellationToken token)
    {
        var started = _clock.Now;
        space.RenewalLastAttempt = _clock.NowSeconds;
        bool ok = await engine.RenewOnceAsync(token).ConfigureAwait(false);
        space.RenewalLastResult = ok ? 1 : (int)(engine.FailedWith ?? SanlockError.AioTimeout);
        if (ok)
        {
            space.RenewalLastSuccess = engine.Delta.LastSuccess;
            int ms = (int)(_clock.Now - started).TotalMilliseconds;
            space.RecordRenewal(new RenewalRecord(engine.Delta.LastSuccess, ms, 0, 0, 0), _options.RenewalHistorySize);
        }
        else
        {
            DaemonLog.RenewalAttemptFailed(_log, space.Name);
        }
        return ok;
    }

    private async Task LeaveAsync(Space space)
    {
        await space.Stopping.CancelAsync().ConfigureAwait(false);
        if (space.Renewals is { } renewals)
        {
            await renewals.ConfigureAwait(false);
        }
        try
        {
            if (space.Engine is { } engine)
            {
                await engine.LeaveAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (SanlockException e)
        {
            DaemonLog.LeaveFailed(_log, space.Name, e.Message);
        }
        DaemonLog.Left(_log, space.Name);
        Forget(space);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
