using Sanlock.Leases;
using Sanlock.OnDisk;

namespace Sanlock.TestKit.Simulation;

/// <summary>
/// A seeded run of 2–8 hosts sharing one lockspace and a few resources on a <see cref="SimDisk"/>, under
/// the faults of <see cref="SimulationOptions"/>; then, with faults off, a liveness phase. The same seed
/// always produces the same run (compare <see cref="Fingerprint"/>).
/// </summary>
public sealed class LeaseSimulation
{
    public const string SpaceName = "LS";
    private const int GuardGap = 4096;

    private readonly List<SimLeaseHost> _hosts = [];
    private readonly HashSet<int> _ready = [];

    public LeaseSimulation(SimulationOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Hosts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Hosts, options.NumHosts);
        Options = options;
        Scheduler = new SimScheduler(options.Seed);
        Disk = new SimDisk("/sim/leases", ResourceOffset(options.Resources) + GuardGap);
        Format();
    }

    public static LeaseGeometry Geometry => LeaseGeometry.Default;

    public SimulationOptions Options { get; }

    public SimScheduler Scheduler { get; }

    public SimDisk Disk { get; }

    public SimulationLog Log { get; } = new();

    public bool LivenessStarted { get; private set; }

    public static long LockspaceOffset => GuardGap;

    public static long ResourceOffset(int index) => GuardGap + ((long)(index + 1) * (Geometry.AlignSize + GuardGap));

    public static string ResourceName(int index) => $"r{index}";

    /// <summary>Time after the chaos phase for late writes to land and paused hosts to wake.</summary>
    public TimeSpan SettleTime(Timeouts timeouts) => (timeouts.IoTimeout * 4) + TimeSpan.FromSeconds(10) + (Options.PausePerSecond > 0 ? Options.MaxPause : TimeSpan.Zero);

    /// <summary>How long the liveness phase may take: a dead holder is waited out (8T + W) at most a few times.</summary>
    public static TimeSpan LivenessBudget(Timeouts timeouts) => (timeouts.HostDead * 3) + TimeSpan.FromSeconds(60);

    /// <summary>Runs to completion; returns false if the step budget ran out (livelock in virtual time).</summary>
    public bool Run()
    {
        var timeouts = new Timeouts(Options.IoTimeoutSeconds);
        var tasks = new List<Task>();
        for (int i = 0; i < Options.Hosts; i++)
        {
            var host = Scheduler.AddHost(TimeSpan.FromSeconds(100 + Scheduler.Random.Next(100_000)));
            var view = new SimDiskView(Disk, Scheduler, host, timeouts.IoTimeout, Options.Faults);
            var simHost = new SimLeaseHost(this, host, view);
            _hosts.Add(simHost);
        }

        foreach (var simHost in _hosts)
        {
            tasks.Add(Scheduler.Start(simHost.Host, simHost.RunAsync));
        }

        SchedulePauses();
        Scheduler.Schedule(null, Options.ChaosDuration, () =>
        {
            foreach (var simHost in _hosts)
            {
                simHost.Disk.Faults = SimFaults.None;
            }
        });

        var end = Options.ChaosDuration + SettleTime(timeouts) + LivenessBudget(timeouts) + TimeSpan.FromSeconds(60);
        bool finished = Scheduler.RunUntil(end, () => tasks.TrueForAll(t => t.IsCompleted) || AllLiveHostsFinished(tasks));
        foreach (var task in tasks.Where(t => t.IsFaulted))
        {
            throw new InvalidOperationException($"seed {Options.Seed}: a host program threw", task.Exception);
        }

        for (int i = 0; i < _hosts.Count; i++)
        {
            var host = _hosts[i].Host;
            if (!host.IsCrashed && !tasks[i].IsCompleted)
            {
                Log.Note(Scheduler.Now, $"host {host.Id} still running at the end (paused until {host.PausedUntil.TotalSeconds:F3}, lockspace valid {_hosts[i].Lockspace?.IsValid})");
            }
        }

        Log.LiveHostsAtEnd = _hosts.Count(h => !h.Host.IsCrashed);
        Disk.CheckGuards();
        return finished;
    }

    /// <summary>A summary that differs whenever two runs of one seed did anything differently.</summary>
    public string Fingerprint() =>
        $"{Scheduler.Steps}/{Scheduler.Now.Ticks}/{Log.Holds.Count}/{string.Join(",", Log.Holds.Select(h => $"{h.Host}:{h.Resource}:{h.Lver}:{h.Start.Ticks}:{h.LastUse.Ticks}"))}"
        + $"/{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Disk.Peek(0, (int)Disk.Size)))}";

    /// <summary>The leader and dblocks of every resource and the delta leases, decoded (for failure reports).</summary>
    public IEnumerable<string> DescribeDisk()
    {
        for (int h = 1; h <= Options.Hosts; h++)
        {
            var slot = Leader.Decode(Disk.Peek(LockspaceLayout.SlotOffset(LockspaceOffset, Geometry, h), Geometry.SectorSize));
            yield return $"slot {h}: owner {slot.OwnerId}/{slot.OwnerGeneration} ts {slot.Timestamp} name {slot.ResourceName}";
        }

        for (int r = 0; r < Options.Resources; r++)
        {
            var leader = Leader.Decode(Disk.Peek(ResourceOffset(r), Geometry.SectorSize));
            yield return $"r{r} leader: lver {leader.Lver} owner {leader.OwnerId}/{leader.OwnerGeneration} ts {leader.Timestamp} write_id {leader.WriteId}/{leader.WriteGeneration} flags 0x{leader.Flags:x}";
            for (int h = 1; h <= Options.Hosts; h++)
            {
                var (d, m) = DblockSector.Decode(Disk.Peek(ResourceLayout.DblockOffset(ResourceOffset(r), Geometry, h), Geometry.SectorSize));
                yield return $"r{r} dblock {h}: mbal {d.Mbal} bal {d.Bal} inp {d.Inp}/{d.Inp2}/{d.Inp3} lver {d.Lver} flags {d.Flags} crc-ok {d.IsChecksumValid} mode {m.Flags}/{m.Generation}";
            }
        }
    }

    /// <summary>Marks a host ready; true once every host that has not crashed is (re-evaluated on each call).</summary>
    internal bool ReadyForLiveness(int hostId)
    {
        _ready.Add(hostId);
        if (!LivenessStarted && _hosts.Where(h => !h.Host.IsCrashed).All(h => _ready.Contains(h.Host.Id)))
        {
            LivenessStarted = true;
            Log.Note(Scheduler.Now, "liveness phase starts");
        }

        return LivenessStarted;
    }

    private bool AllLiveHostsFinished(List<Task> tasks)
    {
        for (int i = 0; i < _hosts.Count; i++)
        {
            if (!_hosts[i].Host.IsCrashed && !tasks[i].IsCompleted)
            {
                return false;
            }
        }

        return true;
    }

    private void Format()
    {
        Disk.AddArea(LockspaceOffset, Geometry.AlignSize);
        var area = new byte[Geometry.AlignSize];
        LockspaceFormat.BuildCommitted(area, Geometry, SpaceName, (ushort)Options.IoTimeoutSeconds);
        Disk.Poke(LockspaceOffset, area);
        for (int r = 0; r < Options.Resources; r++)
        {
            Disk.AddArea(ResourceOffset(r), Geometry.AlignSize);
            ResourceFormat.Build(area, Geometry, SpaceName, ResourceName(r), Options.NumHosts);
            Disk.Poke(ResourceOffset(r), area);
        }
    }

    private void SchedulePauses()
    {
        if (Options.PausePerSecond <= 0)
        {
            return;
        }

        for (int second = 1; second < (int)Options.ChaosDuration.TotalSeconds; second++)
        {
            foreach (var simHost in _hosts)
            {
                if (Scheduler.Random.NextDouble() < Options.PausePerSecond)
                {
                    var pause = Options.MaxPause * Scheduler.Random.NextDouble();
                    var host = simHost.Host;
                    Scheduler.Schedule(null, TimeSpan.FromSeconds(second), () => host.PauseUntil(Scheduler.Now + pause));
                }
            }
        }
    }
}
