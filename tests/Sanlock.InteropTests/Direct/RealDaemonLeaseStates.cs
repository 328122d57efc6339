using System.Diagnostics;
using Sanlock.TestKit;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// Fresh lease files written by a real sanlock 3.8.5 daemon, copied in each state: a lockspace joined by host 1,
/// a resource held exclusively, one held shared, the exclusive one with a request record, both released, and the
/// lockspace after leaving. The daemon (shared/tools/real-sanlock.sh) and the python holder are stopped on dispose,
/// even when a step fails. Lockspace io_timeout 1 keeps the join at about 3 s.
/// </summary>
public sealed class RealDaemonLeaseStates : IAsyncLifetime
{
    private readonly TempLeaseDir _dir = new("direct-daemon");
    private readonly Dictionary<string, byte[]> _snapshots = [];
    private Process? _holder;
    private bool _daemonStarted;

    public IReadOnlyDictionary<string, byte[]> Snapshots => _snapshots;

    /// <summary>Why the states could not be produced (then tests skip with this reason), or null.</summary>
    public string? Unavailable { get; private set; }

    private string RunDir => _dir.PathOf("run");

    private string LockspaceFile => _dir.PathOf("ls.lease");

    private string ExclusiveFile => _dir.PathOf("r1.lease");

    private string SharedFile => _dir.PathOf("r2.lease");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(SanlockBinaries.Real) || !File.Exists(RealSanlockScript))
        {
            Unavailable = $"needs {SanlockBinaries.Real} and {RealSanlockScript}";
            return;
        }

        foreach (var (file, init) in new[]
                 {
                     (LockspaceFile, $"-s LS:0:{LockspaceFile}:0 -o 1"),
                     (ExclusiveFile, $"-r LS:R1:{ExclusiveFile}:0"),
                     (SharedFile, $"-r LS:R2:{SharedFile}:0"),
                 })
        {
            _dir.CreateFile(Path.GetFileName(file), 1 << 20);
            Run(SanlockBinaries.Real, ["direct", "init", .. init.Split(' ')]);
        }
        // The daemon runs as user sanlock and must be able to write the lease files.
        Run("chown", ["-R", "sanlock:sanlock", _dir.DirectoryPath]);

        Run(RealSanlockScript, ["start", RunDir]);
        _daemonStarted = true;
        Client("add_lockspace", "-s", $"LS:1:{LockspaceFile}:0");
        Snapshot("lockspace_joined", LockspaceFile);

        _holder = StartHolder();
        await ExpectLineAsync("acquired");
        Snapshot("resource_acquired", ExclusiveFile);
        Snapshot("resource_shared", SharedFile);

        Client("request", "-r", $"LS:R1:{ExclusiveFile}:0:2", "-f", "0");
        Snapshot("resource_requested", ExclusiveFile);

        await _holder.StandardInput.WriteLineAsync();
        await _holder.StandardInput.FlushAsync();
        await ExpectLineAsync("released");
        Snapshot("resource_released", ExclusiveFile);
        Snapshot("resource_shared_released", SharedFile);

        Client("rem_lockspace", "-s", $"LS:1:{LockspaceFile}:0");
        Snapshot("lockspace_left", LockspaceFile);
    }

    public ValueTask DisposeAsync()
    {
        if (_holder is { HasExited: false })
        {
            _holder.Kill(entireProcessTree: true);
            _holder.WaitForExit();
        }
        _holder?.Dispose();
        if (_daemonStarted)
        {
            ProcessRunner.Run(RealSanlockScript, ["stop", RunDir], TimeSpan.FromSeconds(30));
        }
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string RealSanlockScript =>
        Path.GetFullPath(Path.Combine(SanlockBinaries.RepoRoot, "..", "shared", "tools", "real-sanlock.sh"));

    private void Snapshot(string state, string file) => _snapshots[state] = File.ReadAllBytes(file);

    private void Client(params string[] args)
    {
        var result = ProcessRunner.Run(SanlockBinaries.Real, ["client", .. args], TimeSpan.FromSeconds(30),
            new Dictionary<string, string> { ["SANLOCK_RUN_DIR"] = RunDir });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"sanlock client {string.Join(' ', args)}: {result}");
        }
    }

    private static void Run(string program, string[] args)
    {
        var result = ProcessRunner.Run(program, args, TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {result}");
        }
    }

    /// <summary>A python3-sanlock process that holds R1 exclusive and R2 shared until told (a line on stdin) to release.</summary>
    private Process StartHolder()
    {
        var script = $$"""
            import sanlock, sys
            fd = sanlock.register()
            sanlock.acquire(b"LS", b"R1", [(b"{{ExclusiveFile}}", 0)], slkfd=fd)
            sanlock.acquire(b"LS", b"R2", [(b"{{SharedFile}}", 0)], slkfd=fd, shared=True)
            print("acquired", flush=True)
            sys.stdin.readline()
            sanlock.release(b"LS", b"R1", [(b"{{ExclusiveFile}}", 0)], slkfd=fd)
            sanlock.release(b"LS", b"R2", [(b"{{SharedFile}}", 0)], slkfd=fd)
            print("released", flush=True)
            sys.stdin.readline()
            """;
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["SANLOCK_RUN_DIR"] = RunDir;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
    }

    private async Task ExpectLineAsync(string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await _holder!.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != expected)
        {
            var error = await _holder.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"python holder said \"{line}\" instead of \"{expected}\": {error}");
        }
    }
}
