using Sanlock.Leases;
using Sanlock.Leases.Delta;
using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;

namespace Sanlock.TestKit.Simulation;

/// <summary>
/// The workload of one simulated host: join the lockspace, then repeatedly acquire, use, convert and release
/// random resources in random modes; on losing its lockspace drop every lease and re-join. Records what it
/// used, and when, in the <see cref="SimulationLog"/>.
/// </summary>
internal sealed class SimLeaseHost
{
    private static readonly TimeSpan _tick = TimeSpan.FromSeconds(0.5);

    private readonly LeaseSimulation _sim;
    private readonly SimulationOptions _options;
    private readonly SimScheduler _scheduler;
    private readonly Random _random;
    private readonly SimulationLog _log;
    private readonly PaxosLease[] _leases;
    private readonly Dictionary<int, (HeldLease Lease, HoldRecord Record)> _held = [];
    private readonly List<HeldLease> _pendingReleases = [];
    private readonly HashSet<int> _cleanups = [];
    private CancellationTokenSource? _renewals;

    public SimLeaseHost(LeaseSimulation sim, SimHost host, SimDiskView disk)
    {
        _sim = sim;
        _options = sim.Options;
        _scheduler = sim.Scheduler;
        _random = _scheduler.Random;
        _log = sim.Log;
        Host = host;
        Disk = disk;
        Clock = new VirtualClock(_scheduler, host);
        Timeouts = new Timeouts(_options.IoTimeoutSeconds);
        var randomSource = new SeededRandomSource(_random);
        _leases = Enumerable.Range(0, _options.Resources)
            .Select(r => new PaxosLease(disk, LeaseSimulation.ResourceOffset(r), LeaseSimulation.Geometry, LeaseSimulation.SpaceName,
                LeaseSimulation.ResourceName(r), Clock, randomSource) { NumHostsHint = _options.NumHosts })
            .ToArray();
    }

    public SimHost Host { get; }

    public SimDiskView Disk { get; }

    public VirtualClock Clock { get; }

    public Timeouts Timeouts { get; }

    public Lockspace? Lockspace { get; private set; }

    private TimeSpan Now => _scheduler.Now;

    private (int, ulong) Incarnation => (Host.Id, Lockspace?.Generation ?? 0);

    public async Task RunAsync()
    {
        if (_options.MaxJoinDelay > TimeSpan.Zero)
        {
            await Clock.DelayAsync(_options.MaxJoinDelay * _random.NextDouble()).ConfigureAwait(false);
        }

        var chaosEnd = _options.ChaosDuration;
        while (Now < chaosEnd)
        {
            if (Lockspace is not { IsValid: true })
            {
                DropAll("lockspace not valid");
                await JoinAsync().ConfigureAwait(false);
                continue;
            }

            await Clock.DelayAsync(_tick).ConfigureAwait(false);
            if (!Touch())
            {
                continue;
            }

            await RetryPendingReleasesAsync().ConfigureAwait(false);
            if (_random.NextDouble() < 0.3)
            {
                await ActAsync().ConfigureAwait(false);
            }
        }

        if (_options.CheckLiveness)
        {
            await LivenessPhaseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Marks every held lease used now, if the lockspace is still valid; otherwise drops them.</summary>
    private bool Touch()
    {
        if (Lockspace is not { IsValid: true })
        {
            DropAll("lockspace expired");
            return false;
        }

        foreach (var (_, record) in _held.Values)
        {
            record.LastUse = Now;
        }

        return true;
    }

    private async Task JoinAsync()
    {
        await StopRenewalsAsync().ConfigureAwait(false);
        _log.JoinStarts.Add((Host.Id, Now));
        var lockspace = new Lockspace(Disk, LeaseSimulation.LockspaceOffset, LeaseSimulation.Geometry, LeaseSimulation.SpaceName, Host.Id, $"host{Host.Id}",
            Timeouts, Clock, renewalReadSectors: _options.NumHosts, ballotScan: _options.BallotScan);
        try
        {
            await lockspace.JoinAsync().ConfigureAwait(false);
        }
        catch (SanlockException e)
        {
            _log.Count($"join {e.Error}");
            _log.Anomaly(Now, e);
            _log.Note(Now, $"host {Host.Id} join failed {e.Error}");
            await Clock.DelayAsync(TimeSpan.FromSeconds(1 + (3 * _random.NextDouble()))).ConfigureAwait(false);
            return;
        }

        var incarnation = (Host.Id, lockspace.Generation);
        _log.Joins[incarnation] = Now;
        _log.Renewed(incarnation, Now, ToVirtual(lockspace.Delta.LastSuccess));
        lockspace.Renewed = ts => _log.Renewed(incarnation, Now, ToVirtual(ts));
        lockspace.Failed = e =>
        {
            _log.Failures[incarnation] = Now;
            _log.Note(Now, $"host {Host.Id} gen {incarnation.Generation} lockspace failed {e}");
        };
        Lockspace = lockspace;
        _log.Note(Now, $"host {Host.Id} joined gen {lockspace.Generation}");
        _renewals = new CancellationTokenSource();
        var token = _renewals.Token;
        _ = _scheduler.Start(Host, async () =>
        {
            try
            {
                await lockspace.RunRenewalsAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    private async Task StopRenewalsAsync()
    {
        if (_renewals is not null)
        {
            // Cancel (not CancelAsync): callbacks must run on the simulation thread.
#pragma warning disable CA1849
            _renewals.Cancel();
#pragma warning restore CA1849
            _renewals.Dispose();
            _renewals = null;
        }
    }

    private TimeSpan ToVirtual(ulong timestamp) => Clock.ToVirtual(TimeSpan.FromSeconds(timestamp));

    private async Task ActAsync()
    {
        int r = _random.Next(_options.Resources);
        if (_held.TryGetValue(r, out var held))
        {
            if (_random.NextDouble() < _options.ConvertRatio)
            {
                await ConvertAsync(r, held.Lease, held.Record).ConfigureAwait(false);
            }
            else
            {
                await ReleaseAsync(r).ConfigureAwait(false);
            }

            return;
        }

        var mode = _random.NextDouble() < _options.SharedRatio ? LeaseMode.Shared : LeaseMode.Exclusive;
        await AcquireAsync(r, mode).ConfigureAwait(false);
    }

    private async Task<bool> AcquireAsync(int r, LeaseMode mode)
    {
        var lockspace = Lockspace!;
        HeldLease lease;
        try
        {
            lease = await _leases[r].AcquireAsync(lockspace, mode == LeaseMode.Shared ? AcquireOptions.Shared : AcquireOptions.Exclusive)
                .ConfigureAwait(false);
        }
        catch (SanlockException e)
        {
            _log.Count($"acquire {mode} {e.Error}");
            _log.Anomaly(Now, e);
            _log.Note(Now, $"host {Host.Id} acquire {mode} r{r} failed {e.Error}");
            if (IsIoFailure(e.Error))
            {
                _cleanups.Add(r);
            }

            return false;
        }

        _log.Count($"acquire {mode} Ok");
        if (!ReferenceEquals(lockspace, Lockspace) || !lockspace.IsValid)
        {
            // Won on disk, but this host's own lease ran out meanwhile: it must not use it.
            _log.Note(Now, $"host {Host.Id} acquired r{r} lver {lease.Lver} after its lockspace expired; not used");
            return false;
        }

        StartHold(r, lease);
        return true;
    }

    private void StartHold(int r, HeldLease lease)
    {
        var record = new HoldRecord
        {
            Host = Host.Id,
            Generation = lease.Generation,
            Resource = r,
            Mode = lease.Mode,
            Lver = lease.Lver,
            Start = Now,
            LastUse = Now,
        };
        _log.Holds.Add(record);
        _held[r] = (lease, record);
        _log.Note(Now, $"host {Host.Id} holds {lease.Mode} r{r} lver {lease.Lver} gen {lease.Generation}");
    }

    private async Task ReleaseAsync(int r)
    {
        var (lease, record) = _held[r];
        _held.Remove(r);
        record.ReleaseCalled = Now;
        _log.Note(Now, $"host {Host.Id} releases {lease.Mode} r{r} lver {lease.Lver}");
        await TryReleaseAsync(r, lease).ConfigureAwait(false);
    }

    private async Task TryReleaseAsync(int r, HeldLease lease)
    {
        try
        {
            await _leases[r].ReleaseAsync(lease).ConfigureAwait(false);
            _log.Count("release Ok");
        }
        catch (SanlockException e)
        {
            _log.Count($"release {e.Error}");
            _log.Anomaly(Now, e);
            if (e.Error is not (SanlockError.ReleaseLver or SanlockError.ReleaseOwner))
            {
                _pendingReleases.Add(lease);
            }
        }
    }

    private static bool IsIoFailure(SanlockError error) => error is SanlockError.AioTimeout or SanlockError.LeaderRead
        or SanlockError.LeaderWrite or SanlockError.DblockRead or SanlockError.DblockWrite;

    /// <summary>After failed operations: make sure the disk does not show this host holding what it does not use.</summary>
    private async Task CleanUpAsync(IEnumerable<int> resources)
    {
        foreach (int r in resources.ToArray())
        {
            if (_held.ContainsKey(r) || Lockspace is not { IsValid: true } lockspace)
            {
                continue;
            }

            try
            {
                if (await _leases[r].ReleaseIfHeldAsync(lockspace).ConfigureAwait(false))
                {
                    _log.Note(Now, $"host {Host.Id} released r{r} left held by a failed operation");
                }

                await _leases[r].ClearStaleSharedAsync(Host.Id).ConfigureAwait(false);
                _cleanups.Remove(r);
            }
            catch (SanlockException)
            {
            }
        }
    }

    private async Task RetryPendingReleasesAsync()
    {
        await CleanUpAsync(_cleanups).ConfigureAwait(false);
        if (_pendingReleases.Count == 0)
        {
            return;
        }

        var retry = _pendingReleases.ToArray();
        _pendingReleases.Clear();
        foreach (var lease in retry)
        {
            int r = Array.FindIndex(_leases, l => l.ResourceName == lease.Leader.ResourceName);
            if (lease.Generation == Lockspace?.Generation && !_held.ContainsKey(r))
            {
                await TryReleaseAsync(r, lease).ConfigureAwait(false);
            }
        }
    }

    private async Task ConvertAsync(int r, HeldLease lease, HoldRecord record)
    {
        var to = lease.Mode == LeaseMode.Exclusive ? LeaseMode.Shared : LeaseMode.Exclusive;
        _held.Remove(r);
        record.ReleaseCalled = Now;
        var lockspace = Lockspace!;
        try
        {
            var converted = await _leases[r].ConvertAsync(lockspace, lease, to).ConfigureAwait(false);
            _log.Count($"convert {to} Ok");
            if (ReferenceEquals(lockspace, Lockspace) && lockspace.IsValid)
            {
                StartHold(r, converted);
            }
        }
        catch (SanlockException e) when (e.Error == SanlockError.EAGAIN && to == LeaseMode.Exclusive)
        {
            // Live shared holders: still holding SH.
            _log.Count("convert Exclusive EAGAIN");
            if (ReferenceEquals(lockspace, Lockspace) && lockspace.IsValid)
            {
                StartHold(r, lease);
            }
        }
        catch (SanlockException e)
        {
            _log.Count($"convert {to} {e.Error}");
            _log.Anomaly(Now, e);
            _pendingReleases.Add(lease);
            _cleanups.Add(r);
        }
    }

    private void DropAll(string why)
    {
        foreach (var (r, (_, record)) in _held)
        {
            _log.Note(Now, $"host {Host.Id} drops r{r} ({why}); last use {record.LastUse.TotalSeconds:F3}");
        }

        _held.Clear();
        _pendingReleases.Clear();
        _cleanups.Clear();
    }

    /// <summary>
    /// Faults are off. Release what is held, clean up shared mode blocks nobody stands behind (left by writes
    /// that landed after their operation had failed), then contend for every resource until someone wins it.
    /// </summary>
    private async Task LivenessPhaseAsync()
    {
        foreach (int r in _held.Keys.ToArray())
        {
            await ReleaseAsync(r).ConfigureAwait(false);
        }

        for (int i = 0; i < 5 && _pendingReleases.Count > 0; i++)
        {
            await RetryPendingReleasesAsync().ConfigureAwait(false);
        }

        var settle = _options.ChaosDuration + _sim.SettleTime(Timeouts);
        while (Lockspace is not { IsValid: true } || Now < settle)
        {
            if (Lockspace is not { IsValid: true })
            {
                await JoinAsync().ConfigureAwait(false);
            }
            else
            {
                await Clock.DelayAsync(_tick).ConfigureAwait(false);
            }
        }

        await CleanUpAsync(Enumerable.Range(0, _options.Resources)).ConfigureAwait(false);

        _log.Note(Now, $"host {Host.Id} ready for the liveness phase");
        while (!_sim.ReadyForLiveness(Host.Id))
        {
            await Clock.DelayAsync(_tick).ConfigureAwait(false);
        }

        var order = Enumerable.Range(0, _options.Resources).OrderBy(_ => _random.Next()).ToArray();
        var deadline = Now + LeaseSimulation.LivenessBudget(Timeouts);
        foreach (int r in order)
        {
            while (!_log.LivenessWins.ContainsKey(r) && Now < deadline)
            {
                if (Lockspace is not { IsValid: true })
                {
                    await JoinAsync().ConfigureAwait(false);
                    continue;
                }

                if (await AcquireAsync(r, LeaseMode.Exclusive).ConfigureAwait(false))
                {
                    _log.LivenessWins.TryAdd(r, Now);
                    await Clock.DelayAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                    if (Touch())
                    {
                        await ReleaseAsync(r).ConfigureAwait(false);
                    }

                    break;
                }

                await Clock.DelayAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }
}
