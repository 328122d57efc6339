using System.Diagnostics;
using System.Net.Sockets;
using Sanlock.Client;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.InteropTests.Daemon.Replay;

/// <summary>The real 3.8.5 client↔daemon captures (vectors/wire-*.hex) replayed against our running daemon: the
/// captured client messages go over our socket in the captured order, and each of our replies must equal the
/// captured one except the fields <see cref="ReplyMask"/> names. The session recreates the capture's state step by
/// step (lease files under a directory as long as /tmp/wire/leases/, host 1 joined, a registered python process
/// standing in for the captured pid 27157, this test process for the relay's registered pid 26651).</summary>
public sealed class CaptureReplayAgainstOurDaemonTests : IDisposable
{
    private const uint CapturedHolderPid = 27157;
    private const uint CapturedRelayPid = 26651;
    private readonly string _leaseDir = $"/var/tmp/w{Guid.NewGuid():N}"[..16] + "/";
    private readonly DaemonTestDir _dir = new();

    public CaptureReplayAgainstOurDaemonTests()
    {
        Directory.CreateDirectory(_leaseDir);
        foreach (string file in new[] { "ls1", "r1", "r2", "ls2", "r3", "rx" })
        {
            using var stream = File.Create(Path.Combine(_leaseDir, file));
            stream.SetLength(8 << 20);
        }
        // As the capture session's files were made: default io_timeout (10), 2000 hosts, 512-byte sectors.
        Tools.Run("/usr/sbin/sanlock", ["direct", "init", "-s", $"LS:0:{_leaseDir}ls1:0"]).EnsureSuccess();
        Tools.Run("/usr/sbin/sanlock", ["direct", "init", "-r", $"LS:R1:{_leaseDir}r1:0"]).EnsureSuccess();
        Tools.Run("/usr/sbin/sanlock", ["direct", "init", "-r", $"LS:R2:{_leaseDir}r2:0"]).EnsureSuccess();
    }

    public void Dispose()
    {
        _dir.Dispose();
        Directory.Delete(_leaseDir, recursive: true);
    }

    [Fact]
    public void CapturedSession_ReplayedAgainstOurDaemon_GetsTheCapturedReplies()
    {
        // Default io_timeout 10 as in the capture session (ADD_LOCKSPACE takes ~21 s).
        using OurDaemon daemon = OurDaemon.Start(_dir.RunDir, "wirehost1");
        var replay = new CaptureReplayer(Path.Combine(_dir.RunDir, "sanlock.sock"), _leaseDir);
        using Process holder = StartRegisteredPython(_dir.RunDir);
        replay.Pids[CapturedHolderPid] = (uint)holder.Id;
        replay.Pids[CapturedRelayPid] = (uint)Environment.ProcessId;
        try
        {
            Run(replay, "wire-version.hex", 1);
            // Before the join: the lockspace as written by init (io_timeout 10), a resource path that does not exist.
            Run(replay, "wire-read.hex", 1, 4);
            Run(replay, "wire-add_lockspace.hex", 1);
            Run(replay, "wire-add_lockspace-eexist.hex", 1);
            Run(replay, "wire-inq_lockspace.hex", 1, 2);
            Run(replay, "wire-get_lockspaces.hex", 1);
            Run(replay, "wire-protocol-edge.hex", 1, 2, 3, 4, 5, 6, 7, 8);

            // `sanlock client command -r LS:R1…`: REGISTER + ACQUIRE(self) in one burst; the connection holds R1.
            using Socket commandHolder = replay.ReplayAndKeepOpen(CaptureReplayer.Load("wire-register-acquire-self.hex"), 1);
            Run(replay, "wire-read.hex", 2, 3);
            Run(replay, "wire-inquire.hex", 1);

            // On behalf of the registered python process (the capture's pid 27157).
            Run(replay, "wire-acquire.hex", 1);
            Run(replay, "wire-acquire-errors.hex", 1, 2, 3);
            Run(replay, "wire-release.hex", 1);
            Run(replay, "wire-release-variants.hex", 1, 2, 4);
            Run(replay, "wire-inquire-variants.hex", 3, 4);
            var shared = SanlkResource.Create("LS", "R2", [new SanlkDisk(_leaseDir + "r2", 0)], ResourceFlags.Shared);
            int sharedAcquire = new SanlockClient(Path.Combine(_dir.RunDir, "sanlock.sock")).Acquire(holder.Id, [shared], SanlkOptions.Empty).Result;
            if (sharedAcquire != 0)
            {
                replay.Differences.AppendLine($"set-up: SH acquire of R2 for the python process gave {sharedAcquire}");
            }
            Run(replay, "wire-inquire-variants.hex", 1);
            Run(replay, "wire-convert.hex", 1, 2, 3);

            Run(replay, "wire-write-align.hex", 1, 2, 3, 4, 5);
            Run(replay, "wire-set_config-set_event.hex", 1, 2, 3, 4);
            // The resource index on rx: format, create ×2, lookups, delete, update, rebuild, lookup (needs LS joined).
            Run(replay, "wire-rindex.hex", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            // REM_LOCKSPACE with UNUSED while leases are held: −16. (A plain REM would SIGKILL the holders — this test
            // process among them.)
            Run(replay, "wire-rem_lockspace.hex", 1);
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit(5000);
        }

        Assert.True(replay.Differences.Length == 0, replay.Differences.ToString());
        Assert.True(replay.RepliesCompared >= 30, $"only {replay.RepliesCompared} replies were compared");
        Assert.False(daemon.HasExited, "our daemon exited during the replay");
    }

    private static void Run(CaptureReplayer replay, string capture, params int[] connections)
    {
        var loaded = CaptureReplayer.Load(capture);
        foreach (int number in connections)
        {
            replay.Replay(loaded, number);
        }
    }

    /// <summary>A python3-sanlock process that registers and then waits (its pid is a registered client).</summary>
    private static Process StartRegisteredPython(string runDir)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sanlock, sys\nfd = sanlock.register()\nprint('registered', flush=True)\nsys.stdin.read()\n");
        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result != "registered")
        {
            process.Kill();
            throw new InvalidOperationException("the python process did not register");
        }
        return process;
    }
}
