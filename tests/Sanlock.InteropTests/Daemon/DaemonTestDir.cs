using System.Diagnostics;

namespace Sanlock.InteropTests.Daemon;

/// <summary>A fresh directory on ext4 (/var/tmp: O_DIRECT works there, not on tmpfs) with run/ and leases/, open to
/// the real daemon's "sanlock" user; removed on dispose.</summary>
public sealed class DaemonTestDir : IDisposable
{
    public DaemonTestDir()
    {
        Root = Path.Combine("/var/tmp", "sanlock-daemon-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(RunDir);
        Directory.CreateDirectory(LeaseDir);
        Tools.Run("/bin/chmod", ["777", Root, RunDir, LeaseDir]).EnsureSuccess();
    }

    public string Root { get; }

    public string RunDir => Path.Combine(Root, "run");

    public string LeaseDir => Path.Combine(Root, "leases");

    public string Lease(string name) => Path.Combine(LeaseDir, name);

    /// <summary>Writes a lockspace (io_timeout 1 so joins take ~3 s) and resources with the real CLI's direct init,
    /// owned by the sanlock user so a real daemon can open them too.</summary>
    public void InitLeases(string lockspace, params string[] resources)
    {
        var ls = Lease(lockspace.ToLowerInvariant());
        using (File.Create(ls))
        {
        }
        Tools.Run("/usr/sbin/sanlock", ["direct", "init", "-s", $"{lockspace}:0:{ls}:0", "-o", "1"]).EnsureSuccess();
        foreach (var r in resources)
        {
            var path = Lease(r.ToLowerInvariant());
            using (File.Create(path))
            {
            }
            Tools.Run("/usr/sbin/sanlock", ["direct", "init", "-r", $"{lockspace}:{r}:{path}:0"]).EnsureSuccess();
        }
        Tools.Run("/bin/chown", ["-R", "sanlock:sanlock", LeaseDir]);
    }

    public void Dispose()
    {
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
}

/// <summary>Runs a program to completion with a time limit and captures its output.</summary>
public static class Tools
{
    public static ProcessResult Run(string program, IEnumerable<string> args, string? runDir = null, TimeSpan? timeout = null, string? stdin = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        if (runDir is not null)
        {
            start.Environment["SANLOCK_RUN_DIR"] = runDir;
        }
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in time");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, $"{program} {string.Join(' ', args)}");
    }

    /// <summary>The repository root (the directory holding Sanlock.sln).</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sanlock.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Sanlock.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, string CommandLine)
{
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{CommandLine} exited {ExitCode}: {Stdout} {Stderr}");
        }
        return this;
    }
}
