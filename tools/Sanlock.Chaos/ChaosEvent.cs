using System.Globalization;

namespace Sanlock.Chaos;

/// <summary>One line of a run's history, written by workers (acquired, write, release…) and by the harness (faults,
/// worker exits, leases still held after the run). Times are Unix milliseconds of the one shared clock.</summary>
public sealed record ChaosEvent(long Time, string Kind, int Host, int Pid, int Disk = -1, string Mode = "", long Token = 0, int Code = 0, string Detail = "")
{
    public string ToLine() => string.Join('\t',
        Time.ToString(CultureInfo.InvariantCulture), Kind, Host.ToString(CultureInfo.InvariantCulture),
        Pid.ToString(CultureInfo.InvariantCulture), Disk.ToString(CultureInfo.InvariantCulture), Mode,
        Token.ToString(CultureInfo.InvariantCulture), Code.ToString(CultureInfo.InvariantCulture),
        Detail.Replace('\t', ' ').Replace('\n', ' '));

    /// <summary>Parses a line of <see cref="ToLine"/>; null for a torn last line (a worker killed mid-write).</summary>
    public static ChaosEvent? Parse(string line)
    {
        string[] f = line.Split('\t');
        if (f.Length != 9
            || !long.TryParse(f[0], CultureInfo.InvariantCulture, out long time)
            || !int.TryParse(f[2], CultureInfo.InvariantCulture, out int host)
            || !int.TryParse(f[3], CultureInfo.InvariantCulture, out int pid)
            || !int.TryParse(f[4], CultureInfo.InvariantCulture, out int disk)
            || !long.TryParse(f[6], CultureInfo.InvariantCulture, out long token)
            || !int.TryParse(f[7], CultureInfo.InvariantCulture, out int code))
        {
            return null;
        }
        return new ChaosEvent(time, f[1], host, pid, disk, f[5], token, code, f[8]);
    }

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}

/// <summary>The event kinds. Worker: <see cref="Acquired"/>, <see cref="Refused"/>, <see cref="Write"/>,
/// <see cref="Releasing"/>, <see cref="Released"/>, <see cref="Sigterm"/>, <see cref="Disconnected"/>.
/// Harness: the rest.</summary>
public static class EventKind
{
    public const string Acquired = "acquired";
    public const string Refused = "refused";
    public const string Write = "write";
    public const string WriteError = "write-error";
    public const string Releasing = "releasing";
    public const string Released = "released";
    public const string Sigterm = "sigterm";
    public const string Disconnected = "disconnected";
    public const string WorkerStart = "worker-start";
    public const string WorkerKill = "worker-kill";
    public const string WorkerExit = "worker-exit";
    public const string Fault = "fault";
    public const string FaultEnd = "fault-end";
    public const string HeldAfterRun = "held-after-run";

    /// <summary>Written once per host at the start of a run; Detail is "real" or "ours".</summary>
    public const string Host = "host";
}

/// <summary>Fault kinds as they appear in scenarios and summaries.</summary>
public static class FaultKind
{
    public const string KillWorker = "kill-worker";
    public const string KillDaemon = "kill-daemon";
    public const string KillHost = "kill-host";
    public const string PauseHost = "pause-host";
    public const string RemLockspace = "rem-lockspace";
    public const string UnwritableDir = "unwritable-dir";
    public const string FullFs = "full-fs";

    public static readonly string[] All = [KillWorker, KillDaemon, KillHost, PauseHost, RemLockspace, UnwritableDir, FullFs];
}
