using System.Diagnostics;
using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Lockd;

/// <summary>Our lockd daemon as users run it (<c>artifacts/cli/sanlock lockd daemon --conf CONF</c>) on its own run
/// dir, standing for one host; killed on dispose. <see cref="Cli"/> runs the CLI against it.</summary>
public sealed class LockdDaemon : IDisposable
{
    private readonly Process _process;
    private readonly StringWriter _log = new();

    private LockdDaemon(Process process, string runDir)
    {
        _process = process;
        RunDir = runDir;
    }

    public string RunDir { get; }

    public int Pid => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="runDir">The simulated host's run dir (SANLOCK_RUN_DIR).</param>
    /// <param name="conf">qemu-lockd.conf.</param>
    /// <param name="socketActivated">Start under systemd-socket-activate, which owns the socket and passes it as fd 3.</param>
    public static LockdDaemon Start(string runDir, string conf, bool socketActivated = false)
    {
        string socket = Path.Combine(runDir, "lockd.sock");
        var start = new ProcessStartInfo(socketActivated ? "/usr/bin/systemd-socket-activate" : OurDaemon.Binary)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        string[] prefix = socketActivated ? ["--listen", socket, "--setenv", $"SANLOCK_RUN_DIR={runDir}", OurDaemon.Binary] : [];
        foreach (string arg in prefix.Concat(["lockd", "daemon", "--conf", conf]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        var process = Process.Start(start)!;
        var daemon = new LockdDaemon(process, runDir);
        process.ErrorDataReceived += (_, e) => daemon.Append(e.Data);
        process.OutputDataReceived += (_, e) => daemon.Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!File.Exists(socket))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                daemon.Dispose();
                throw new InvalidOperationException($"lockd daemon did not create {socket}: {daemon.Log}");
            }

            Thread.Sleep(20);
        }

        return daemon;
    }

    /// <summary>Runs <c>sanlock lockd ARGS</c> against this daemon (never spawning another).</summary>
    public ProcessResult Cli(params string[] args) => LockdCli.Run(RunDir, args);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }
}
