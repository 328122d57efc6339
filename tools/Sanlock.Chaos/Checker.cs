namespace Sanlock.Chaos;

/// <summary>A broken promise found in a history.</summary>
public sealed record Violation(string Rule, long Time, string Detail);

/// <summary>A lease taken by another host after its owner's host failed.</summary>
public sealed record Takeover(int Disk, int FromHost, int ToHost, string Fault, long FaultTime, long Time);

/// <summary>What the checker found. <see cref="RealDefects"/>: broken promises caused by a known defect of the real
/// sanlock 3.8.5 (reported, not counted as violations of ours).</summary>
public sealed record CheckResult(IReadOnlyList<Violation> Violations, IReadOnlyList<Hold> Holds, IReadOnlyList<Takeover> Takeovers,
    IReadOnlyList<Violation> RealDefects);

/// <summary>From a run's history to its violations (pure; the rules are in the issue: no two exclusive holders at
/// once, no accepted write from a holder whose lease was taken over, lease-version order, no takeover before the owner
/// is certainly dead, killing on lockspace loss on schedule, no lease left on a dead pid, only documented codes).</summary>
public static class Checker
{
    public const string TwoHolders = "two-holders";
    public const string StaleWriteAccepted = "stale-write-accepted";
    public const string LverOrder = "lver-order";
    public const string PrematureTakeover = "premature-takeover";
    public const string KillSchedule = "kill-schedule";
    public const string HeldByDeadPid = "held-by-dead-pid";
    public const string UndocumentedCode = "undocumented-code";
    public const string StaleIncarnationGrant = "stale-incarnation-grant";

    public static CheckResult Check(IReadOnlyList<ChaosEvent> events, CheckerSettings settings)
    {
        var holds = HoldBuilder.Build(events, settings);
        var violations = new List<Violation>();
        var realDefects = new List<Violation>();
        var realHosts = events.Where(e => e.Kind == EventKind.Host && e.Detail == "real").Select(e => e.Host).ToHashSet();
        CheckStaleIncarnations(holds, realHosts, violations);
        CheckOverlaps(holds, settings, realHosts, violations, realDefects);
        CheckStaleWrites(events, holds, violations);
        CheckLverOrder(holds, violations);
        var takeovers = CheckTakeovers(events, holds, settings, violations);
        CheckKillSchedule(events, holds, settings, violations);
        foreach (var e in events.Where(e => e.Kind == EventKind.HeldAfterRun))
        {
            violations.Add(new Violation(HeldByDeadPid, e.Time, $"host {e.Host} still holds disk {e.Disk} for dead pid {e.Pid}"));
        }
        foreach (var e in events.Where(e => e.Kind == EventKind.Refused && !Documented.IsDocumented(e.Code)))
        {
            violations.Add(new Violation(UndocumentedCode, e.Time, $"pid {e.Pid} on host {e.Host} refused with {e.Code} ({e.Detail})"));
        }
        return new CheckResult(violations.OrderBy(v => v.Time).ToList(), holds, takeovers, realDefects.OrderBy(v => v.Time).ToList());
    }

    /// <summary>A lease granted under a dead incarnation of its own host is free for any other host to take: a
    /// violation when our daemon grants it (the real 3.8.5 does, see <see cref="GrantIncarnation"/>).</summary>
    private static void CheckStaleIncarnations(List<Hold> holds, HashSet<int> realHosts, List<Violation> violations)
    {
        foreach (var h in holds.Where(h => h.StaleIncarnation && !realHosts.Contains(h.Host)))
        {
            violations.Add(new Violation(StaleIncarnationGrant, h.Start, $"disk {h.Disk}: {Describe(h)} was granted under an older generation of host {h.Host}"));
        }
    }

    /// <summary>Overlapping exclusive holds; one whose earlier holder is a real host's stale-incarnation grant is the
    /// real daemon's defect (any host, real or ours, may take such a lease at once).</summary>
    private static void CheckOverlaps(List<Hold> holds, CheckerSettings settings, HashSet<int> realHosts, List<Violation> violations, List<Violation> realDefects)
    {
        foreach (var disk in holds.GroupBy(h => h.Disk))
        {
            var sorted = disk.OrderBy(h => h.Start).ToList();
            for (int i = 0; i < sorted.Count; i++)
            {
                for (int j = i + 1; j < sorted.Count && sorted[j].Start < sorted[i].End; j++)
                {
                    var (a, b) = (sorted[i], sorted[j]);
                    long overlap = Math.Min(a.End, b.End) - b.Start;
                    if (a.ConflictsWith(b) && overlap > settings.OverlapToleranceMs)
                    {
                        bool realDefect = a.StaleIncarnation && realHosts.Contains(a.Host);
                        (realDefect ? realDefects : violations).Add(new Violation(TwoHolders, b.Start,
                            $"disk {a.Disk}: {Describe(a)} and {Describe(b)} overlap for {overlap} ms"
                            + (realDefect ? " (the real host's lease names a dead generation of that host)" : "")));
                    }
                }
            }
        }
    }

    private static void CheckStaleWrites(IReadOnlyList<ChaosEvent> events, List<Hold> holds, List<Violation> violations)
    {
        var claims = holds.Where(h => h.FirstWrite is not null)
            .GroupBy(h => h.Disk)
            .ToDictionary(g => g.Key, g => new ClaimIndex(g.OrderBy(h => h.FirstWrite).ToList()));
        foreach (var w in events.Where(e => e.Kind == EventKind.Write && e.Code == 0))
        {
            if (!claims.TryGetValue(w.Disk, out var onDisk))
            {
                continue;
            }
            var newer = onDisk.NewerBefore(w.Time, w.Token, w.Pid, w.Mode == "EX");
            if (newer is not null)
            {
                violations.Add(new Violation(StaleWriteAccepted, w.Time,
                    $"disk {w.Disk}: write by pid {w.Pid} (host {w.Host}, token {w.Token}) accepted after {Describe(newer)} had written with token {newer.Token}"));
            }
        }
    }

    /// <summary>The holds of one disk by first accepted write, with running maxima of their tokens so that most
    /// writes are cleared by one binary search.</summary>
    private sealed class ClaimIndex
    {
        private readonly List<Hold> _claims;
        private readonly long[] _maxAny;
        private readonly long[] _maxExclusive;

        public ClaimIndex(List<Hold> claims)
        {
            _claims = claims;
            _maxAny = new long[claims.Count];
            _maxExclusive = new long[claims.Count];
            for (int i = 0; i < claims.Count; i++)
            {
                _maxAny[i] = Math.Max(i > 0 ? _maxAny[i - 1] : long.MinValue, claims[i].Token);
                _maxExclusive[i] = Math.Max(i > 0 ? _maxExclusive[i - 1] : long.MinValue, claims[i].Exclusive ? claims[i].Token : long.MinValue);
            }
        }

        public Hold? NewerBefore(long time, long token, int pid, bool exclusive)
        {
            int lo = 0, hi = _claims.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (_claims[mid].FirstWrite < time)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            if (lo == 0 || (exclusive ? _maxAny[lo - 1] : _maxExclusive[lo - 1]) <= token)
            {
                return null;
            }
            return _claims.Take(lo).FirstOrDefault(c => c.Pid != pid && c.Token > token && (exclusive || c.Exclusive));
        }
    }

    private static void CheckLverOrder(List<Hold> holds, List<Violation> violations)
    {
        foreach (var disk in holds.Where(h => h.Exclusive).GroupBy(h => h.Disk))
        {
            var byStart = disk.OrderBy(h => h.Start).ToList();
            var byEnd = disk.OrderBy(h => h.End).ToList();
            Hold? top = null;
            int ended = 0;
            foreach (var h in byStart)
            {
                for (; ended < byEnd.Count && byEnd[ended].End <= h.Start; ended++)
                {
                    if (top is null || byEnd[ended].Token > top.Token)
                    {
                        top = byEnd[ended];
                    }
                }
                if (top is not null && h.Token <= top.Token)
                {
                    violations.Add(new Violation(LverOrder, h.Start,
                        $"disk {h.Disk}: {Describe(h)} got lver {h.Token}, not above {Describe(top)}'s {top.Token}"));
                }
            }
        }
    }

    private static List<Takeover> CheckTakeovers(IReadOnlyList<ChaosEvent> events, List<Hold> holds, CheckerSettings settings, List<Violation> violations)
    {
        var takeovers = new List<Takeover>();
        var faults = events.Where(HoldBuilder.StopsRenewal).ToList();
        var faultEnds = events.Where(e => e.Kind == EventKind.FaultEnd).ToList();
        foreach (var victim in holds.Where(h => h.FaultStart is not null))
        {
            var fault = faults.First(f => f.Host == victim.Host && f.Time == victim.FaultStart);
            long faultEnd = faultEnds.Where(e => e.Host == fault.Host && e.Detail == fault.Detail && e.Time >= fault.Time)
                .Select(e => e.Time).DefaultIfEmpty(long.MaxValue).Min();
            long protectedUntil = Math.Min(faultEnd, fault.Time + settings.ProtectedMs - (settings.SlackSeconds * 1000L));
            var taker = holds.Where(h => h.Host != victim.Host && h.ConflictsWith(victim) && h.Start > fault.Time)
                .OrderBy(h => h.Start).FirstOrDefault();
            // A paused host's holder that carried on and released after the resume left nothing to take over; a
            // killed daemon never released its leases on disk.
            if (taker is null || (fault.Detail == FaultKind.PauseHost && taker.Start > victim.WorkerEnd))
            {
                continue;
            }
            takeovers.Add(new Takeover(victim.Disk, victim.Host, taker.Host, fault.Detail, fault.Time, taker.Start));
            if (taker.Start < protectedUntil)
            {
                violations.Add(new Violation(PrematureTakeover, taker.Start,
                    $"disk {victim.Disk}: {Describe(taker)} took the lease {taker.Start - fault.Time} ms after {fault.Detail} of host {fault.Host} (owner {Describe(victim)}); not before {settings.ProtectedMs / 1000} s"));
            }
        }
        return takeovers;
    }

    private static void CheckKillSchedule(IReadOnlyList<ChaosEvent> events, List<Hold> holds, CheckerSettings settings, List<Violation> violations)
    {
        long endOfRun = events.Count == 0 ? 0 : events.Max(e => e.Time);
        var releasing = events.Where(e => e.Kind == EventKind.Releasing).ToLookup(e => e.Pid);
        var deaths = events.Where(e => e.Kind is EventKind.WorkerExit or EventKind.Sigterm)
            .GroupBy(e => e.Pid).ToDictionary(g => g.Key, g => g.Min(e => e.Time));
        foreach (var fault in events.Where(e => e.Kind == EventKind.Fault && e.Detail is FaultKind.PauseHost or FaultKind.RemLockspace))
        {
            long lossAt = fault.Time;
            long deadline = fault.Time + (settings.SlackSeconds * 1000L);
            if (fault.Detail == FaultKind.PauseHost)
            {
                var resume = events.FirstOrDefault(e => e.Kind == EventKind.FaultEnd && e.Host == fault.Host && e.Detail == fault.Detail && e.Time >= fault.Time);
                if (resume is null || resume.Time - fault.Time < settings.RenewalFailMs + (settings.IoTimeoutSeconds * 2000L))
                {
                    continue;
                }
                lossAt = resume.Time;
                deadline = resume.Time + settings.RenewalFailMs + (settings.KillGraceSeconds * 1000L) + (settings.SlackSeconds * 1000L);
            }
            if (deadline > endOfRun)
            {
                continue;
            }
            foreach (var h in holds.Where(h => h.Host == fault.Host && h.Start < fault.Time))
            {
                bool releasedBefore = releasing[h.Pid].Any(e => e.Time >= h.Start && e.Time < fault.Time);
                if (releasedBefore)
                {
                    continue;
                }
                long died = deaths.TryGetValue(h.Pid, out long t) ? t : long.MaxValue;
                if (died < fault.Time)
                {
                    continue;
                }
                if (died > deadline)
                {
                    violations.Add(new Violation(KillSchedule, deadline,
                        $"host {fault.Host} lost its lockspace ({fault.Detail}) at {lossAt}; holder pid {h.Pid} of disk {h.Disk} still alive {(died == long.MaxValue ? "at the end" : (died - lossAt) + " ms later")}"));
                }
            }
        }
    }

    private static string Describe(Hold h) => $"pid {h.Pid} host {h.Host} {(h.Exclusive ? "EX" : "SH")} lver {h.Token} [{h.Start}..{h.End}]";
}
