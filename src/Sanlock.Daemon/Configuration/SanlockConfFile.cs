using System.Globalization;

namespace Sanlock.Daemon.Configuration;

/// <summary>Reads sanlock.conf: <c>key = value</c> lines, <c>#</c> comments, unknown keys reported and ignored.</summary>
public static class SanlockConfFile
{
    public const string DefaultPath = "/etc/sanlock/sanlock.conf";

    /// <summary>Applies the file's settings to <paramref name="options"/>; returns one message per line it did not use.</summary>
    public static List<string> Apply(string text, DaemonOptions options, string path = DefaultPath)
    {
        var problems = new List<string>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add($"{path}:{i + 1}: expected key = value, got \"{line}\"");
                continue;
            }
            string key = line[..eq].Trim();
            string value = line[(eq + 1)..].Trim();
            string? error = ApplyOne(key, value, options);
            if (error is not null)
            {
                problems.Add($"{path}:{i + 1}: {error}");
            }
        }
        return problems;
    }

    private static string? ApplyOne(string key, string value, DaemonOptions options)
    {
        switch (key)
        {
            case "use_watchdog":
                return Int(key, value, 0, 1, v => options.UseWatchdog = v == 1);
            case "our_host_name":
                options.HostName = value;
                return null;
            case "uid":
                options.User = value;
                return null;
            case "gid":
                options.Group = value;
                return null;
            case "io_timeout":
                return Int(key, value, 1, 255, v => options.IoTimeoutSeconds = v);
            case "mlock_level":
                return Int(key, value, 0, 2, v => options.MlockLevel = v);
            case "max_worker_threads":
                return Int(key, value, 1, 1024, v => options.MaxWorkerThreads = v);
            case "kill_grace_seconds":
                return Int(key, value, 0, 60, v => options.KillGraceSeconds = v);
            case "renewal_history_size":
                return Int(key, value, 0, 100000, v => options.RenewalHistorySize = v);
            case "sh_retries":
                return Int(key, value, 0, 1000, v => options.ShRetries = v);
            case "quiet_fail" or "debug_renew" or "logfile_priority" or "logfile_use_utc" or "syslog_priority"
                or "names_log_priority" or "high_priority" or "renewal_read_extend_sec" or "paxos_debug" or "debug_io"
                or "max_sectors_kb" or "watchdog_fire_timeout" or "use_hugepages" or "write_init_io_timeout":
                return null; // accepted for compatibility; no effect here
            default:
                return $"unknown key \"{key}\" ignored";
        }
    }

    private static string? Int(string key, string value, int min, int max, Action<int> set)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
        {
            return $"{key} must be an integer {min}..{max}, got \"{value}\"";
        }
        set(v);
        return null;
    }
}
