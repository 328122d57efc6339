using System.Diagnostics;

namespace Sanlock.InteropTests.Daemon;

/// <summary>A python3-sanlock process that registers, acquires one resource (EX or SH) on its registered fd, prints
/// the outcome, then waits until its stdin closes or it is killed. Killed on dispose.</summary>
public sealed class PythonHolder : IDisposable
{
    private const string Script = """
        import sys, sanlock
        ls, res, path, shared = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3].encode(), sys.argv[4] == "SH"
        fd = sanlock.register()
        try:
            sanlock.acquire(ls, res, [(path, 0)], slkfd=fd, shared=shared)
            print("held", flush=True)
        except sanlock.SanlockException as e:
            print("error", e.errno, flush=True)
        sys.stdin.read()
        """;

    private readonly Process _process;

    private PythonHolder(Process process, Task<string?> outcome)
    {
        _process = process;
        OutcomeReported = outcome;
    }

    /// <summary>"held" or "error N" (N as python reports it: positive errno, or sanlock's negative code).</summary>
    public string Outcome => OutcomeReported.Result ?? "exited";

    /// <summary>Completes with the line the holder prints once its acquire returned (null if it exited first).</summary>
    public Task<string?> OutcomeReported { get; }

    public int Pid => _process.Id;

    /// <summary>Starts the holder and waits for its outcome (a timeout kills it).</summary>
    public static PythonHolder Start(string runDir, string lockspace, string resource, string path, bool shared = false, TimeSpan? wait = null)
    {
        var holder = Begin(runDir, lockspace, resource, path, shared);
        if (!holder.OutcomeReported.Wait(wait ?? TimeSpan.FromSeconds(30)))
        {
            holder.Dispose();
            throw new TimeoutException("python holder did not report");
        }
        return holder;
    }

    /// <summary>Starts the holder without waiting: its acquire may block (see <see cref="OutcomeReported"/>).</summary>
    public static PythonHolder Begin(string runDir, string lockspace, string resource, string path, bool shared = false)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "-c", Script, lockspace, resource, path, shared ? "SH" : "EX" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        var process = Process.Start(start)!;
        return new PythonHolder(process, process.StandardOutput.ReadLineAsync());
    }

    /// <summary>Waits up to <paramref name="limit"/> for the holder to end on its own (killed by a daemon).</summary>
    public bool WaitForExit(TimeSpan limit) => _process.WaitForExit(limit);

    /// <summary>Ends the holder the hard way (its leases must be released by the daemon).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
