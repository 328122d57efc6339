using System.Diagnostics;

namespace Sanlock.TestKit;

/// <summary>A real sanlock 3.8.5 daemon in its own temporary run directory, started through
/// <c>../shared/tools/real-sanlock.sh</c> (which adds the RLIMIT_MEMLOCK shim this sandbox needs) with
/// <c>-w 0</c>; clients reach it with <c>SANLOCK_RUN_DIR</c> = <see cref="RunDirectory"/>.
/// Dispose always stops it: the script's stop (shutdown, SIGTERM, SIGKILL), then SIGKILL of the recorded pid if it
/// still lives, then the temporary directories are removed.</summary>
public sealed class RealSanlockDaemon : IAsyncDisposable
{
    public const string SanlockBinary = "/usr/sbin/sanlock";
    public const string Python = "/usr/bin/python3";

    private readonly string _script;
    private readonly List<Process> _children = [];
    private bool _disposed;

    private RealSanlockDaemon(string root, string script, int pid)
    {
        Root = root;
        _script = script;
        Pid = pid;
    }

    /// <summary>The temporary directory holding <see cref="RunDirectory"/> and <see cref="LeaseDirectory"/>.</summary>
    public string Root { get; }

    public string RunDirectory => Path.Combine(Root, "run");

    /// <summary>A directory for lease files that the daemon (user sanlock) can read and write.</summary>
    public string LeaseDirectory => Path.Combine(Root, "leases");

    public string SocketPath => Path.Combine(RunDirectory, "sanlock.sock");

    /// <summary>The daemon's pid (as recorded by the start script).</summary>
    public int Pid { get; }

    /// <summary>Starts a daemon and waits (up to 10 s) for its socket. The root directory is created under /var/tmp
    /// (ext4 here: lease files need O_DIRECT, which tmpfs lacks).</summary>
    public static async Task<RealSanlockDaemon> StartAsync(CancellationToken cancellationToken = default)
    {
        string script = FindScript();
        string root = Path.Combine("/var/tmp", $"sanlock-real-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(Path.Combine(root, "leases"));
        OpenUp(root);
        OpenUp(Path.Combine(root, "leases"));
        string run = Path.Combine(root, "run");
        ProcessResult started = await RunAsync("/bin/bash", [script, "start", run], environment: null, cancellationToken).ConfigureAwait(false);
        int pid = ReadPid(run);
        var daemon = new RealSanlockDaemon(root, script, pid);
        if (started.ExitCode != 0 || !await daemon.WaitForSocketAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            string log = File.Exists(Path.Combine(run, "daemon.log")) ? await File.ReadAllTextAsync(Path.Combine(run, "daemon.log"), cancellationToken).ConfigureAwait(false) : "(no log)";
            await daemon.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"real sanlock did not start in {run} (exit {started.ExitCode}): {started.Output} {log}");
        }
        return daemon;
    }

    /// <summary>Environment for clients of this daemon.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string> { ["SANLOCK_RUN_DIR"] = RunDirectory };

    /// <summary>Runs the real <c>sanlock ARGS…</c> (e.g. <c>client status</c>) against this daemon.</summary>
    public Task<ProcessResult> RunRealCliAsync(params string[] args) => RunAsync(SanlockBinary, args, ClientEnvironment);

    /// <summary>Runs <paramref name="program"/> with SANLOCK_RUN_DIR set to this daemon.</summary>
    public Task<ProcessResult> RunWithDaemonAsync(string program, params string[] args) => RunAsync(program, args, ClientEnvironment);

    /// <summary>Creates a lease file of <paramref name="megabytes"/> MiB readable and writable by the daemon.</summary>
    public string CreateLeaseFile(string name, int megabytes = 1)
    {
        string path = Path.Combine(LeaseDirectory, name);
        using (FileStream file = File.Create(path))
        {
            file.SetLength(megabytes * 1024L * 1024L);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        }
        return path;
    }

    /// <summary>A lockspace file written with <c>sanlock direct init -s NAME:0:PATH:0 -o IO_TIMEOUT</c>, so that a join
    /// with that io_timeout takes 2T + 1 s (RECIPES.md).</summary>
    public async Task<string> CreateLockspaceAsync(string name, string file, int ioTimeout = 1)
    {
        string path = CreateLeaseFile(file);
        ProcessResult init = await RunAsync(SanlockBinary, ["direct", "init", "-s", $"{name}:0:{path}:0", "-o", ioTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture)], null).ConfigureAwait(false);
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException($"direct init of lockspace {name} at {path} failed: {init.Output}");
        }
        return path;
    }

    /// <summary>A resource lease file written with <c>sanlock direct init -r LS:NAME:PATH:0</c>.</summary>
    public async Task<string> CreateResourceAsync(string lockspace, string name, string file)
    {
        string path = CreateLeaseFile(file, 2);
        ProcessResult init = await RunAsync(SanlockBinary, ["direct", "init", "-r", $"{lockspace}:{name}:{path}:0"], null).ConfigureAwait(false);
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException($"direct init of resource {lockspace}:{name} at {path} failed: {init.Output}");
        }
        return path;
    }

    /// <summary>Starts a python3-sanlock process that registers with this daemon and sleeps until disposed (killed);
    /// returns its pid once registered.</summary>
    public async Task<int> StartRegisteredHolderAsync(CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import os, sys, sanlock\nsanlock.register()\nprint(os.getpid(), flush=True)\nsys.stdin.read()\n");
        start.Environment["SANLOCK_RUN_DIR"] = RunDirectory;
        Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        _children.Add(process);
        string? line = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        if (line is null || !int.TryParse(line, out int pid))
        {
            string error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"the python holder did not register: {error}");
        }
        return pid;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (Process child in _children)
        {
            KillQuietly(child);
        }
        try
        {
            await RunAsync("/bin/bash", [_script, "stop", RunDirectory], null).WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        if (Pid > 0)
        {
            try
            {
                using Process daemon = Process.GetProcessById(Pid);
                daemon.Kill(entireProcessTree: true);
                await daemon.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or TimeoutException)
            {
                // already gone
            }
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public async Task<bool> WaitForSocketAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (File.Exists(SocketPath))
            {
                return true;
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>Runs a program to completion (30 s limit, then killed) and returns its exit code and stdout+stderr.</summary>
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            KillQuietly(process);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within 30 s");
        }
        return new ProcessResult(
            process.ExitCode,
            System.Text.Encoding.UTF8.GetBytes(await stdout.ConfigureAwait(false)),
            System.Text.Encoding.UTF8.GetBytes(await stderr.ConfigureAwait(false)));
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    private static int ReadPid(string run)
    {
        string file = Path.Combine(run, "real.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out int pid) ? pid : 0;
    }

    private static void OpenUp(string directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>../shared/tools/real-sanlock.sh beside the repository (found from the directory holding Sanlock.sln).</summary>
    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sanlock.sln")))
            {
                string script = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "tools", "real-sanlock.sh"));
                return File.Exists(script) ? script : throw new FileNotFoundException($"{script} is missing", script);
            }
        }
        throw new DirectoryNotFoundException($"no Sanlock.sln above {AppContext.BaseDirectory}");
    }
}
