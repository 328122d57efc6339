using System.Diagnostics;
using Sanlock.Client;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Structs;

namespace Sanlock.Chaos;

/// <summary>One host of the cluster: a daemon (ours, the NativeAOT CLI, or the real 3.8.5 through
/// real-sanlock.sh) on its own run dir, joined to the lockspace with its own host id, and its workers.</summary>
public sealed class ChaosHost
{
    private Process? _ours;
    private Task<int>? _join;

    public ChaosHost(int index, bool real, string root, string lockspacePath, int ioTimeout, string ourBinary, string realScript)
    {
        IoTimeout = ioTimeout;
        Index = index;
        Real = real;
        RunDir = Path.Combine(root, $"host{index}");
        LockspacePath = lockspacePath;
        OurBinary = ourBinary;
        RealScript = realScript;
        Directory.CreateDirectory(RunDir);
        _ = Shell.Run("/bin/chmod", ["777", RunDir]);
    }

    public int Index { get; }

    /// <summary>Passed to add_lockspace: without it our daemon renews on its default (10 s) while the lockspace on
    /// disk and the real daemon use the scenario's.</summary>
    public int IoTimeout { get; }

    public int HostId => Index;

    public bool Real { get; }

    public string RunDir { get; }

    public string Socket => Path.Combine(RunDir, "sanlock.sock");

    public string LockspacePath { get; }

    public string OurBinary { get; }

    public string RealScript { get; }

    public List<Process> Workers { get; } = [];

    public bool Paused { get; set; }

    public long LastJoinCheck { get; set; }

    public bool DaemonDown { get; private set; } = true;

    public int DaemonPid => Real ? ReadRealPid() : _ours?.Id ?? -1;

    /// <summary>True once add_lockspace has returned 0 (or −17, already joined) since the daemon (re)started or the
    /// last <see cref="Recheck"/>.</summary>
    public bool Joined => _join is { IsCompleted: true } && _join.Result is 0 or -17;

    /// <summary>Forgets the last join so that the next tick adds the lockspace again.</summary>
    public void Recheck()
    {
        if (!Joining)
        {
            _join = null;
        }
    }

    public bool Joining => _join is { IsCompleted: false };

    /// <summary>The daemon's log over the whole run, every restart included.</summary>
    public string KeptLog => Path.Combine(RunDir, "daemon-run.log");

    /// <summary>Moves what the daemon logged so far to <see cref="KeptLog"/>: real-sanlock.sh truncates daemon.log on
    /// every start (a restarted real host otherwise keeps only its last few minutes).</summary>
    public void KeepLog()
    {
        string log = Path.Combine(RunDir, "daemon.log");
        if (File.Exists(log))
        {
            File.AppendAllText(KeptLog, File.ReadAllText(log));
            File.Delete(log);
        }
    }

    public void StartDaemon()
    {
        File.Delete(Socket);
        KeepLog();
        if (Real)
        {
            var (code, output) = Shell.Run(RealScript, ["start", RunDir]);
            if (code != 0)
            {
                throw new InvalidOperationException($"real sanlock did not start on {RunDir}: {output}");
            }
        }
        else
        {
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            foreach (var a in new[] { "-c", "exec \"$0\" daemon -D -w 0 -e \"$1\" 2>>\"$2\" >/dev/null", OurBinary, $"chaos-host{Index}", Path.Combine(RunDir, "daemon.log") })
            {
                start.ArgumentList.Add(a);
            }
            start.Environment["SANLOCK_RUN_DIR"] = RunDir;
            _ours = Process.Start(start)!;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!File.Exists(Socket))
            {
                if (_ours.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"our daemon did not create {Socket}; see {RunDir}/daemon.log");
                }
                Thread.Sleep(20);
            }
        }
        DaemonDown = false;
        _join = null;
    }

    /// <summary>add_lockspace in the background (it blocks for 2T + 1 s, or 8T + 60 s when our host id still looks
    /// live on disk).</summary>
    public void BeginJoin()
    {
        if (Joining)
        {
            return;
        }
        var lockspace = new SanlkLockspace("LS", (ulong)HostId, LockspaceFlags.None, new SanlkDisk(LockspacePath, 0));
        string socket = Socket;
        _join = Task.Run(() =>
        {
            try
            {
                return new SanlockClient(socket).AddLockspace(lockspace, 0, (uint)IoTimeout).Result;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or Sanlock.Protocol.SanlockProtocolException)
            {
                return -107;
            }
        });
    }

    public int RemLockspace()
    {
        var lockspace = new SanlkLockspace("LS", (ulong)HostId, LockspaceFlags.None, new SanlkDisk(LockspacePath, 0));
        try
        {
            int result = new SanlockClient(Socket).RemLockspace(lockspace).Result;
            _join = null;
            return result;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or Sanlock.Protocol.SanlockProtocolException)
        {
            return -107;
        }
    }

    public void KillDaemon()
    {
        int pid = DaemonPid;
        if (pid > 0)
        {
            Shell.Signal(pid, Shell.SigKill);
        }
        if (!Real)
        {
            _ours?.WaitForExit(5000);
        }
        DaemonDown = true;
        _join = null;
    }

    /// <summary>The pids the daemon still lists as holding leases (from <c>sanlock client status</c>).</summary>
    public List<(int Pid, int Disk)> HeldLeases()
    {
        var held = new List<(int, int)>();
        var (code, output) = Shell.Run("/usr/sbin/sanlock", ["client", "status"], RunDir, 20_000);
        if (code != 0)
        {
            return held;
        }
        foreach (var line in output.Split('\n'))
        {
            var f = line.Trim().Split(' ');
            if (f.Length >= 4 && f[0] == "r" && f[^2] == "p" && int.TryParse(f[^1], out int pid))
            {
                var parts = f[1].Split(':');
                int disk = parts.Length > 1 && parts[1].StartsWith('R') && int.TryParse(parts[1][1..], out int d) ? d : -1;
                held.Add((pid, disk));
            }
        }
        return held;
    }

    public void Stop()
    {
        foreach (var w in Workers.Where(w => !w.HasExited))
        {
            Shell.Signal(w.Id, Shell.SigKill);
        }
        if (Real)
        {
            _ = Shell.Run(RealScript, ["stop", RunDir], timeoutMs: 30_000);
        }
        else
        {
            KillDaemon();
        }
        DaemonDown = true;
    }

    private int ReadRealPid()
    {
        string file = Path.Combine(RunDir, "real.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out int pid) ? pid : -1;
    }
}
