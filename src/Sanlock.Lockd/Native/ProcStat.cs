using System.Globalization;

namespace Sanlock.Lockd.Native;

/// <summary>Reads a process's start time from <c>/proc/&lt;pid&gt;/stat</c>: with the pid it identifies one process even
/// after the pid is reused. Zombies count as gone (they hold no fds any more).</summary>
public static class ProcStat
{
    /// <returns>Field 22 (starttime, clock ticks since boot), or <c>null</c> when the process is gone or a zombie.</returns>
    public static ulong? StartTime(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return ParseStartTime(text);
    }

    /// <summary>Parses a stat line; the command name may hold spaces and parentheses, so fields start after the last ')'.</summary>
    public static ulong? ParseStartTime(string statLine)
    {
        ArgumentNullException.ThrowIfNull(statLine);
        int close = statLine.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        string[] fields = statLine[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field 22 is fields[19].
        if (fields.Length < 20 || fields[0] is "Z" or "X")
        {
            return null;
        }

        return ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start) ? start : null;
    }
}
