using Sanlock.Leases;
using Sanlock.Leases.Paxos;

namespace Sanlock.TestKit.Simulation;

/// <summary>
/// Checks a <see cref="SimulationLog"/> against what leases promise, independently of the engine's own view:
/// (1) a host used a lease only while its delta lease was valid (last renewal less than 8T old, lockspace not
/// failed); (2) never two holders of one resource at overlapping times unless both shared; (3) a lease of a
/// host that did not release it was taken only 8T + W after that host's last renewal (unless that host itself
/// had begun re-joining, which it only does once its earlier incarnation has stopped using its leases); (4) with faults off, every resource was won by a live host.
/// </summary>
public static class SafetyChecker
{
    public static IReadOnlyList<string> Check(SimulationLog log, SimulationOptions options)
    {
        var timeouts = new Timeouts(options.IoTimeoutSeconds);
        var violations = new List<string>();

        foreach (var hold in log.Holds)
        {
            var incarnation = (hold.Host, hold.Generation);
            var lastRenewal = LastRenewal(log, incarnation, hold.LastUse);
            if (lastRenewal is null || hold.LastUse - lastRenewal.Value >= timeouts.IdRenewalFail)
            {
                violations.Add($"used after own delta lease expired (last renewal {lastRenewal?.TotalSeconds:F3}): {hold}");
            }

            if (log.Failures.TryGetValue(incarnation, out var failedAt) && hold.LastUse > failedAt)
            {
                violations.Add($"used after own lockspace failed at {failedAt.TotalSeconds:F3}: {hold}");
            }
        }

        foreach (var byResource in log.Holds.GroupBy(h => h.Resource))
        {
            var holds = byResource.OrderBy(h => h.Start).ToArray();
            for (int i = 0; i < holds.Length; i++)
            {
                for (int j = i + 1; j < holds.Length; j++)
                {
                    var a = holds[i];
                    var b = holds[j];
                    if ((a.Host, a.Generation) == (b.Host, b.Generation) || (a.Mode == LeaseMode.Shared && b.Mode == LeaseMode.Shared))
                    {
                        continue;
                    }

                    if (b.Start <= a.LastUse)
                    {
                        violations.Add($"overlapping holders of r{a.Resource}: {a} and {b}");
                        continue;
                    }

                    bool releasedFirst = a.ReleaseCalled is { } released && released <= b.Start;
                    bool ownerRejoined = log.JoinStarts.Any(j => j.Host == a.Host && j.At >= a.LastUse && j.At <= b.Start);
                    if (releasedFirst || ownerRejoined)
                    {
                        continue;
                    }

                    var lastRenewal = LastRenewal(log, (a.Host, a.Generation), b.Start);
                    if (lastRenewal is { } renewed && b.Start - renewed < timeouts.HostDead)
                    {
                        violations.Add($"r{a.Resource} taken {(b.Start - renewed).TotalSeconds:F3} s after the unreleased holder's last renewal " +
                            $"({renewed.TotalSeconds:F3}), less than 8T+W = {timeouts.HostDead.TotalSeconds} s: {a} then {b}");
                    }
                }
            }
        }

        violations.AddRange(log.Anomalies.Select(a => $"corrupt record seen: {a}"));

        if (options.CheckLiveness && log.LiveHostsAtEnd > 0)
        {
            for (int r = 0; r < options.Resources; r++)
            {
                if (!log.LivenessWins.ContainsKey(r))
                {
                    violations.Add($"r{r} was never acquired by any of {log.LiveHostsAtEnd} live host(s) once faults stopped");
                }
            }
        }

        return violations;
    }

    /// <summary>The timestamp (virtual time) of the incarnation's last renewal completed by <paramref name="at"/>.</summary>
    private static TimeSpan? LastRenewal(SimulationLog log, (int, ulong) incarnation, TimeSpan at)
    {
        if (!log.Renewals.TryGetValue(incarnation, out var renewals))
        {
            return null;
        }

        TimeSpan? last = null;
        foreach (var (completedAt, timestamp) in renewals)
        {
            if (completedAt <= at && (last is null || timestamp > last))
            {
                last = timestamp;
            }
        }

        return last;
    }
}
