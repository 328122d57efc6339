using System.Diagnostics;

namespace Sanlock.Chaos;

/// <summary>Runs a program to completion (bounded) and returns its exit code and output.</summary>
public static class Shell
{
    public static (int Code, string Output) Run(string program, IEnumerable<string> args, string? runDir = null, int timeoutMs = 60_000)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        if (runDir is not null)
        {
            start.Environment["SANLOCK_RUN_DIR"] = runDir;
        }
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            return (-1, $"{program} timed out");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static void Signal(int pid, int signal) => _ = Kill(pid, signal);

    public static bool Alive(int pid) => Kill(pid, 0) == 0 || System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == 1;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public const int SigKill = 9;
    public const int SigStop = 19;
    public const int SigCont = 18;
}
