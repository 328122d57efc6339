using System.Diagnostics;

namespace Sanlock.InteropTests.Daemon;

/// <summary>A python3-sanlock process that registers, sets a kill path (program + one argument), acquires LS:R1 EX
/// and waits until its stdin closes or it is killed. Killed on dispose.</summary>
public sealed class KillPathHolder : IDisposable
{
    private const string Script = """
        import sys, sanlock
        path, program, arg = sys.argv[1].encode(), sys.argv[2], sys.argv[3]
        fd = sanlock.register()
        sanlock.killpath(program, [arg], slkfd=fd)
        try:
            sanlock.acquire(b"LS", b"R1", [(path, 0)], slkfd=fd)
            print("held", flush=True)
        except sanlock.SanlockException as e:
            print("error", e.errno, flush=True)
        sys.stdin.read()
        """;

    private readonly Process _process;

    private KillPathHolder(Process process, string outcome)
    {
        _process = process;
        Outcome = outcome;
    }

    public string Outcome { get; }

    public bool HasExited => _process.HasExited;

    public static KillPathHolder Start(string runDir, string leasePath, string program, string arg)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in new[] { "-c", Script, leasePath, program, arg })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            process.Dispose();
            throw new TimeoutException("kill path holder did not report");
        }
        return new KillPathHolder(process, line.Result ?? "exited");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
