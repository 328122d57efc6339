using System.Globalization;
using System.Text;

namespace Sanlock.Chaos;

/// <summary>The report of a run: counts, refusals by code, faults by kind, takeovers, stale writes, violations. Its
/// last line is always <c>violations: N</c>.</summary>
public static class Summary
{
    public static string Render(IReadOnlyList<ChaosEvent> events, CheckResult result, long startMs, long endMs)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"duration: {(endMs - startMs) / 1000.0:F0} s");
        s.AppendLine(inv, $"workers started: {events.Count(e => e.Kind == EventKind.WorkerStart)}");
        var acquired = events.Where(e => e.Kind == EventKind.Acquired).ToList();
        s.AppendLine(inv, $"acquisitions: {acquired.Count} (EX {acquired.Count(e => e.Mode == "EX")}, SH {acquired.Count(e => e.Mode == "SH")})");
        var refused = events.Where(e => e.Kind == EventKind.Refused).GroupBy(e => e.Code).OrderByDescending(g => g.Count());
        s.AppendLine(inv, $"refusals: {string.Join(", ", refused.Select(g => $"{g.Key} x{g.Count()}")).OrDash()}");
        var writes = events.Where(e => e.Kind == EventKind.Write).ToList();
        s.AppendLine(inv, $"guarded writes accepted: {writes.Count(w => w.Code == 0)}");
        s.AppendLine(inv, $"stale writes refused by the token (would have landed without tokens): {writes.Count(w => w.Code == 1)}");
        var errors = events.Where(e => e.Kind == EventKind.WriteError).GroupBy(e => e.Detail);
        s.AppendLine(inv, $"guarded writes failed: {string.Join(", ", errors.Select(g => $"{g.Key} x{g.Count()}")).OrDash()}");
        var faults = events.Where(e => e.Kind == EventKind.Fault).GroupBy(e => e.Detail).OrderBy(g => g.Key, StringComparer.Ordinal);
        s.AppendLine(inv, $"faults: {string.Join(", ", faults.Select(g => $"{g.Key} x{g.Count()}")).OrDash()}");
        s.AppendLine(inv, $"takeovers after a host fault: {result.Takeovers.Count}");
        foreach (var t in result.Takeovers.OrderBy(t => t.Time))
        {
            s.AppendLine(inv, $"  disk {t.Disk}: host {t.FromHost} -> host {t.ToHost} {(t.Time - t.FaultTime) / 1000.0:F1} s after {t.Fault}");
        }
        if (result.RealDefects.Count > 0)
        {
            s.AppendLine(inv, $"known real sanlock 3.8.5 defects (not counted): {result.RealDefects.Count}");
            foreach (var v in result.RealDefects)
            {
                s.AppendLine(inv, $"  REAL-DEFECT {v.Rule} at {v.Time - startMs} ms: {v.Detail}");
            }
        }
        foreach (var v in result.Violations)
        {
            s.AppendLine(inv, $"VIOLATION {v.Rule} at {v.Time - startMs} ms: {v.Detail}");
        }
        s.Append(inv, $"violations: {result.Violations.Count}");
        return s.ToString();
    }

    private static string OrDash(this string text) => text.Length == 0 ? "-" : text;
}
