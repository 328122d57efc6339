using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Lockd;

/// <summary>Runs the CLI, other processes that hold pids and locks, and lslocks.</summary>
public static class LockdCli
{
    public static ProcessResult Run(string runDir, IEnumerable<string> args, bool spawn = false)
    {
        var start = new ProcessStartInfo(OurDaemon.Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("lockd");
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        start.Environment["SANLOCK_LOCKD_SPAWN"] = spawn ? "1" : "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("sanlock lockd " + string.Join(' ', args) + " did not finish");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, "sanlock lockd " + string.Join(' ', args));
    }

    /// <summary>Starts <c>sanlock lockd run ARGS -- sleep 600</c> without waiting; the caller kills it.</summary>
    public static Process StartRun(string runDir, params string[] disks)
    {
        var start = new ProcessStartInfo(OurDaemon.Binary) { UseShellExecute = false, RedirectStandardError = true };
        foreach (string arg in new[] { "lockd", "run" }.Concat(disks).Concat(["--", "sleep", "600"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        start.Environment["SANLOCK_LOCKD_SPAWN"] = "0";
        return Process.Start(start)!;
    }

    /// <summary>A process that just lives, to own locks via <c>--pid</c>.</summary>
    public static Process Sleeper() => Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;

    public static void KillAndWait(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }
    }

    /// <summary>Waits (bounded) for a condition that another process makes true.</summary>
    public static bool Eventually(Func<bool> condition, double seconds = 15)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    public static string Pid(Process process) => process.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Tries an fcntl lock (python's lockf: F_SETLK on byte 0, length 1) from another process.</summary>
    public static ProcessResult PythonLockf(string path, bool exclusive) => Tools.Run("/usr/bin/python3",
    [
        "-c",
        "import fcntl,sys; f=open(sys.argv[1],'r+'); fcntl.lockf(f, (fcntl.LOCK_EX if sys.argv[2]=='ex' else fcntl.LOCK_SH)|fcntl.LOCK_NB, 1, 0); print('locked')",
        path, exclusive ? "ex" : "sh",
    ]);

    /// <summary>lslocks rows: (command, pid, type, mode, start, end, path).</summary>
    public static IReadOnlyList<LslocksRow> Lslocks()
    {
        var result = Tools.Run("/usr/bin/lslocks", ["--json", "--notruncate", "--output", "COMMAND,PID,TYPE,MODE,START,END,PATH"]).EnsureSuccess();
        using var json = JsonDocument.Parse(result.Stdout);
        var rows = new List<LslocksRow>();
        foreach (var lockRow in json.RootElement.GetProperty("locks").EnumerateArray())
        {
            rows.Add(new LslocksRow(
                Text(lockRow, "command"), int.Parse(Text(lockRow, "pid"), CultureInfo.InvariantCulture), Text(lockRow, "type"),
                Text(lockRow, "mode"), Text(lockRow, "start"), Text(lockRow, "end"), Text(lockRow, "path")));
        }

        return rows;
    }

    private static string Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Null => string.Empty,
            JsonValueKind.String => value.GetString()!,
            _ => value.GetRawText(),
        } : string.Empty;
}

public sealed record LslocksRow(string Command, int Pid, string Type, string Mode, string Start, string End, string Path);
