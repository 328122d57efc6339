using Sanlock.Leases.Paxos;

namespace Sanlock.TestKit.Simulation;

/// <summary>One period during which a host used a resource lease, in virtual time.</summary>
public sealed class HoldRecord
{
    public required int Host { get; init; }

    public required ulong Generation { get; init; }

    public required int Resource { get; init; }

    public required LeaseMode Mode { get; init; }

    public required ulong Lver { get; init; }

    public required TimeSpan Start { get; init; }

    /// <summary>The last moment the host acted as holder (it checked its lockspace was valid then).</summary>
    public TimeSpan LastUse { get; set; }

    /// <summary>When the host began releasing (null: never released — crashed, lost, or still held).</summary>
    public TimeSpan? ReleaseCalled { get; set; }

    public override string ToString() =>
        $"host {Host} gen {Generation} {Mode} r{Resource} lver {Lver} [{Start.TotalSeconds:F3} .. {LastUse.TotalSeconds:F3}]"
        + (ReleaseCalled is { } r ? $" released@{r.TotalSeconds:F3}" : " not released");
}

/// <summary>Everything the checker needs, recorded in virtual time by the simulated hosts.</summary>
public sealed class SimulationLog
{
    private readonly List<string> _trace = [];

    public List<HoldRecord> Holds { get; } = [];

    /// <summary>Per incarnation (host, generation): completed renewals as (completed at, timestamp written), virtual time.</summary>
    public Dictionary<(int Host, ulong Generation), List<(TimeSpan CompletedAt, TimeSpan Timestamp)>> Renewals { get; } = [];

    public Dictionary<(int Host, ulong Generation), TimeSpan> Failures { get; } = [];

    /// <summary>Join completions per incarnation.</summary>
    public Dictionary<(int Host, ulong Generation), TimeSpan> Joins { get; } = [];

    /// <summary>When each host began a (re-)join: from then on its earlier incarnation is gone for good.</summary>
    public List<(int Host, TimeSpan At)> JoinStarts { get; } = [];

    public Dictionary<int, TimeSpan> LivenessWins { get; } = [];

    public int LiveHostsAtEnd { get; set; }

    public Dictionary<string, int> Results { get; } = [];

    public IReadOnlyList<string> Trace => _trace;

    /// <summary>Results that mean a record was found corrupt: never expected, since the disk tears nothing.</summary>
    public List<string> Anomalies { get; } = [];

    public void Anomaly(TimeSpan at, Sanlock.OnDisk.SanlockException e)
    {
        if (e.Error is Sanlock.OnDisk.SanlockError.LeaderMagic or Sanlock.OnDisk.SanlockError.LeaderVersion
            or Sanlock.OnDisk.SanlockError.LeaderChecksum or Sanlock.OnDisk.SanlockError.LeaderLockspace
            or Sanlock.OnDisk.SanlockError.LeaderResource or Sanlock.OnDisk.SanlockError.LeaderNumHosts
            or Sanlock.OnDisk.SanlockError.DblockChecksum or Sanlock.OnDisk.SanlockError.LeaderDiff
            or Sanlock.OnDisk.SanlockError.RequestMagic or Sanlock.OnDisk.SanlockError.RequestVersion)
        {
            Anomalies.Add($"{at.TotalSeconds:F3}: {e.Message}");
        }
    }

    public void Count(string result) => Results[result] = Results.GetValueOrDefault(result) + 1;

    public void Note(TimeSpan at, string text)
    {
        if (_trace.Count < 20_000)
        {
            _trace.Add($"{at.TotalSeconds,10:F3} {text}");
        }
    }

    public void Renewed((int Host, ulong Generation) incarnation, TimeSpan completedAt, TimeSpan timestamp)
    {
        if (!Renewals.TryGetValue(incarnation, out var list))
        {
            Renewals[incarnation] = list = [];
        }

        list.Add((completedAt, timestamp));
    }
}
