namespace Sanlock.Chaos;

/// <summary>Turns a history into <see cref="Hold"/>s (pure).</summary>
public static class HoldBuilder
{
    private static readonly HashSet<string> Enders =
        [EventKind.Releasing, EventKind.Sigterm, EventKind.WorkerKill, EventKind.WorkerExit, EventKind.Disconnected];

    /// <summary>Host faults that stop the lease owner's renewals: the holder's claim ends 8T after them.</summary>
    public static bool StopsRenewal(ChaosEvent e) =>
        e.Kind == EventKind.Fault && e.Detail is FaultKind.PauseHost or FaultKind.KillDaemon or FaultKind.KillHost;

    public static List<Hold> Build(IReadOnlyList<ChaosEvent> events, CheckerSettings settings)
    {
        long endOfRun = events.Count == 0 ? 0 : events.Max(e => e.Time);
        var hostFaults = events.Where(StopsRenewal).OrderBy(e => e.Time).ToList();
        var restarts = events.Where(e => e.Kind == EventKind.FaultEnd).OrderBy(e => e.Time).ToList();
        var holds = new List<Hold>();
        foreach (var byPid in events.Where(e => e.Pid > 0).GroupBy(e => e.Pid))
        {
            var mine = byPid.OrderBy(e => e.Time).ToList();
            for (int i = 0; i < mine.Count; i++)
            {
                var acquired = mine[i];
                if (acquired.Kind != EventKind.Acquired)
                {
                    continue;
                }
                long end = endOfRun;
                long? firstWrite = null;
                for (int j = i + 1; j < mine.Count; j++)
                {
                    var e = mine[j];
                    if (e.Kind == EventKind.Write && e.Code == 0 && e.Disk == acquired.Disk && firstWrite is null)
                    {
                        firstWrite = e.Time;
                    }
                    if (Enders.Contains(e.Kind) && (e.Disk < 0 || e.Disk == acquired.Disk))
                    {
                        end = e.Time;
                        break;
                    }
                }
                long workerEnd = end;
                var fault = hostFaults.FirstOrDefault(f => f.Host == acquired.Host && f.Time >= acquired.Time && f.Time < end);
                if (fault is not null)
                {
                    end = Math.Min(end, fault.Time + settings.RenewalFailMs);
                    if (fault.Detail != FaultKind.PauseHost)
                    {
                        // A restarted daemon re-joins at once with generation + 1 (disk-format §6.2 "fast
                        // re-acquire"): from then on the old incarnation's leases are free to take (§7.4 c), and
                        // whatever its surviving workers write is for the tokens to refuse.
                        var restart = restarts.FirstOrDefault(r => r.Host == fault.Host && r.Detail == fault.Detail && r.Time >= fault.Time);
                        end = restart is null ? end : Math.Min(end, restart.Time);
                    }
                }
                holds.Add(new Hold(acquired.Host, acquired.Pid, acquired.Disk, acquired.Mode == "EX", acquired.Token,
                    acquired.Time, end, fault?.Time, firstWrite, workerEnd, GrantIncarnation.IsStale(acquired.Host, acquired.Detail)));
            }
        }
        return holds;
    }
}
