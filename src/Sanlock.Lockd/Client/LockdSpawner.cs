using System.Diagnostics;
using Sanlock.Libvirt;

namespace Sanlock.Lockd.Client;

/// <summary>
/// Starts a private lockd daemon for an unprivileged user who has none (virtlockd's clients do the same): our own
/// binary, <c>lockd daemon --conf CONF --timeout 60</c>, detached with setsid, logging to <c>lockd.log</c> in the run
/// dir, then waits for its socket. It exits by itself after a minute with no client and no lock.
/// </summary>
public sealed class LockdSpawner
{
    private static readonly TimeSpan SocketWait = TimeSpan.FromSeconds(15);
    private readonly string _confPath;

    public LockdSpawner(string confPath) => _confPath = confPath;

    /// <summary>Spawning is for unprivileged users (root uses the system service); <c>SANLOCK_LOCKD_SPAWN=1|0</c> overrides.</summary>
    public static bool Wanted => Environment.GetEnvironmentVariable("SANLOCK_LOCKD_SPAWN") switch
    {
        "1" => true,
        "0" => false,
        _ => Native.LibC.GetUid() != 0,
    };

    /// <exception cref="LibvirtException">the daemon could not be started or did not create its socket in time.</exception>
    public void Start(string socketPath)
    {
        string runDir = Path.GetDirectoryName(socketPath) ?? ".";
        string self = Environment.ProcessPath ?? throw new LibvirtException(LibvirtErrorCode.SystemError, "cannot find our own executable");
        Directory.CreateDirectory(runDir);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (string arg in new[]
                 {
                     "-c", "exec setsid \"$0\" lockd daemon --conf \"$1\" --timeout 60 </dev/null >>\"$2\" 2>&1 &",
                     self, _confPath, Path.Combine(runDir, "lockd.log"),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        using (var shell = Process.Start(start) ?? throw new LibvirtException(LibvirtErrorCode.SystemError, "cannot run /bin/sh"))
        {
            shell.WaitForExit();
        }

        var deadline = DateTime.UtcNow + SocketWait;
        while (DateTime.UtcNow < deadline)
        {
            using var probe = LockdClient.TryConnect(socketPath, out _);
            if (probe is not null)
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new LibvirtException(LibvirtErrorCode.SystemError,
            $"spawned a lockd daemon but {socketPath} did not accept connections within {SocketWait.TotalSeconds} s (see {Path.Combine(runDir, "lockd.log")})");
    }
}
