using System.Diagnostics;
using System.Net.Sockets;

namespace Sanlock.InteropTests.Daemon;

/// <summary>Our daemon as users run it: the NativeAOT binary <c>artifacts/cli/sanlock daemon -D -w 0</c> on a test's
/// own run dir. Always killed on dispose.</summary>
public sealed class OurDaemon : IDisposable
{
    private readonly Process _process;

    private OurDaemon(Process process, string runDir)
    {
        _process = process;
        RunDir = runDir;
    }

    public string RunDir { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static string Binary => Path.Combine(Tools.RepoRoot(), "artifacts", "cli", "sanlock");

    public static OurDaemon Start(string runDir, string hostName = "ourhost", params string[] extra)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: run scripts/build-cli first");
        }
        var start = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "daemon", "-D", "-w", "0", "-e", hostName }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var daemon = new OurDaemon(process, runDir);
        var socket = Path.Combine(runDir, "sanlock.sock");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        // The file appears at bind(), before listen(): wait until a connection is accepted.
        while (!Accepts(socket))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                daemon.Dispose();
                throw new InvalidOperationException($"our daemon did not listen on {socket}");
            }
            Thread.Sleep(20);
        }
        return daemon;
    }

    /// <summary>Runs the real Debian client CLI against this daemon.</summary>
    public ProcessResult Client(params string[] args) => Tools.Run("/usr/sbin/sanlock", ["client", .. args], RunDir);

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

    private static bool Accepts(string socketPath)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>A real sanlock 3.8.5 daemon started by ../shared/tools/real-sanlock.sh; stopped (SIGKILL) on dispose.</summary>
public sealed class RealDaemon : IDisposable
{
    private RealDaemon(string runDir) => RunDir = runDir;

    public string RunDir { get; }

    public static string Script => Path.GetFullPath(Path.Combine(Tools.RepoRoot(), "..", "shared", "tools", "real-sanlock.sh"));

    public int Pid => int.Parse(File.ReadAllText(Path.Combine(RunDir, "real.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public static RealDaemon Start(string runDir)
    {
        Tools.Run(Script, ["start", runDir]).EnsureSuccess();
        return new RealDaemon(runDir);
    }

    public ProcessResult Client(params string[] args) => Tools.Run("/usr/sbin/sanlock", ["client", .. args], RunDir);

    public void Dispose()
    {
        try
        {
            Tools.Run(Script, ["stop", RunDir], timeout: TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
        }
    }
}
