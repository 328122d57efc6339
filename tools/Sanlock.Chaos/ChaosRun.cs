using System.Diagnostics;

namespace Sanlock.Chaos;

/// <summary>One chaos run: sets up the storage and hosts, keeps workers going, injects faults at the scenario's
/// rates, winds down, collects the history and daemon logs into <see cref="OutputDir"/>.</summary>
public sealed class ChaosRun
{
    private const int TickMs = 250;
    private readonly Scenario _scenario;
    private readonly int _seed;
    private readonly Random _random;
    private readonly string _recordsDir;
    private readonly RecordWriter _harness;
    private readonly List<ChaosHost> _hosts = [];
    private readonly List<(long At, Action End)> _pending = [];
    private readonly Action<string> _log;
    private Storage? _storage;
    private int _spawned;
    private string _fillerPath = "";
    private bool _unwritable;
    private readonly HashSet<(FaultRate, int)> _scheduled = [];

    public ChaosRun(Scenario scenario, int seed, string outputDir, Action<string> log)
    {
        _scenario = scenario;
        _seed = seed;
        _random = new Random(seed);
        OutputDir = outputDir;
        _recordsDir = Path.Combine(outputDir, "records");
        Directory.CreateDirectory(_recordsDir);
        _harness = new RecordWriter(Path.Combine(_recordsDir, "harness.tsv"));
        _log = log;
    }

    public string OutputDir { get; }

    public long StartMs { get; private set; }

    public long EndMs { get; private set; }

    public void Execute(string ourBinary, string realScript, Action<double>? progress)
    {
        string root = Path.Combine("/var/tmp", $"sanlock-chaos-{_seed}-{Guid.NewGuid().ToString("N")[..8]}");
        _storage = Storage.Create(root, _scenario.LoopFs, _log);
        try
        {
            InitLeases();
            for (int i = 1; i <= _scenario.Hosts; i++)
            {
                var host = new ChaosHost(i, i <= _scenario.RealHosts, Path.Combine(root, "run"), Path.Combine(_storage.LeaseDir, "ls"), _scenario.IoTimeout, ourBinary, realScript);
                _hosts.Add(host);
                host.StartDaemon();
                host.BeginJoin();
                _harness.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.Host, host.Index, 0, Detail: host.Real ? "real" : "ours"));
            }
            StartMs = ChaosEvent.Now();
            long until = StartMs + (_scenario.Seconds * 1000L);
            while (ChaosEvent.Now() < until)
            {
                Tick();
                progress?.Invoke((ChaosEvent.Now() - StartMs) / (double)(until - StartMs));
                Thread.Sleep(TickMs);
            }
            EndMs = ChaosEvent.Now();
            WindDown();
        }
        finally
        {
            foreach (var h in _hosts)
            {
                h.Stop();
                CopyLog(h);
            }
            _harness.Dispose();
            _storage.Dispose();
        }
    }

    private void InitLeases()
    {
        string ls = Path.Combine(_storage!.LeaseDir, "ls");
        Create(ls, 1024 * 1024);
        Must(Shell.Run("/usr/sbin/sanlock", ["direct", "init", "-s", $"LS:0:{ls}:0", "-o", _scenario.IoTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        for (int d = 0; d < _scenario.Disks; d++)
        {
            string lease = WorkerOptions.LeaseFile(_storage.LeaseDir, d);
            Create(lease, 1024 * 1024);
            Must(Shell.Run("/usr/sbin/sanlock", ["direct", "init", "-r", $"LS:{WorkerOptions.ResourceName(d)}:{lease}:0"]));
            GuardedDisk.Create(_storage.DiskDir, d);
        }
        _ = Shell.Run("/bin/chown", ["-R", "sanlock:sanlock", _storage.LeaseDir]);

        static void Create(string path, int size)
        {
            using var f = File.Create(path);
            f.SetLength(size);
        }

        static void Must((int Code, string Output) r)
        {
            if (r.Code != 0)
            {
                throw new InvalidOperationException($"sanlock direct init failed: {r.Output}");
            }
        }
    }

    private void Tick()
    {
        long now = ChaosEvent.Now();
        foreach (var p in _pending.Where(p => p.At <= now).ToList())
        {
            _pending.Remove(p);
            p.End();
        }
        foreach (var host in _hosts)
        {
            host.Workers.RemoveAll(w => w.HasExited);
            if (host.DaemonDown || host.Paused)
            {
                continue;
            }
            if (now - host.LastJoinCheck > 5_000)
            {
                // A lockspace lost to a failed renewal or a remove is added again (−17 while it is still joined).
                host.LastJoinCheck = now;
                host.Recheck();
            }
            if (!host.Joined && !host.Joining)
            {
                host.BeginJoin();
            }
            while (host.Joined && host.Workers.Count < _scenario.WorkersPerHost)
            {
                SpawnWorker(host);
            }
        }
        foreach (var rate in _scenario.Faults)
        {
            bool due = rate.At.Any(t => StartMs + (t * 1000L) <= now && _scheduled.Add((rate, t)));
            if (due || _random.NextDouble() < rate.PerMinute * TickMs / 60_000.0)
            {
                Inject(rate);
            }
        }
    }

    private void SpawnWorker(ChaosHost host)
    {
        var options = new WorkerOptions(host.Index, host.HostId, host.Socket, "LS", _storage!.LeaseDir, _storage.DiskDir, _scenario.Disks,
            Path.Combine(_recordsDir, $"worker-h{host.Index}-{++_spawned}.tsv"), HashCode.Combine(_seed, _spawned) & 0x7fffffff,
            _scenario.SharedRatio, _scenario.HoldMs[0], _scenario.HoldMs[1], 20);
        var (program, prefix) = Self();
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in prefix.Concat(options.ToArgs()))
        {
            start.ArgumentList.Add(a);
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        int index = host.Index;
        process.Exited += (_, _) =>
        {
            long at = ChaosEvent.Now();
            _harness.Add(new ChaosEvent(at, EventKind.WorkerExit, index, process.Id, Code: process.ExitCode));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                File.AppendAllText(Path.Combine(OutputDir, "worker-stderr.log"), $"h{index}: {e.Data}\n");
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _harness.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.WorkerStart, host.Index, process.Id));
        host.Workers.Add(process);
    }

    private static (string Program, string[] Prefix) Self()
    {
        string path = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(path) == "dotnet" ? (path, [typeof(ChaosRun).Assembly.Location]) : (path, []);
    }

    private void Inject(FaultRate rate)
    {
        int seconds = _random.Next(rate.Seconds[0], rate.Seconds[1] + 1);
        var up = _hosts.Where(h => !h.DaemonDown && !h.Paused && h.Joined).ToList();
        if (up.Count == 0)
        {
            return;
        }
        var host = up[_random.Next(up.Count)];
        long now = ChaosEvent.Now();
        switch (rate.Kind)
        {
            case FaultKind.KillWorker:
                var live = host.Workers.Where(w => !w.HasExited).ToList();
                if (live.Count > 0)
                {
                    var victim = live[_random.Next(live.Count)];
                    Fault(host, rate.Kind, $"pid {victim.Id}");
                    KillWorker(host, victim);
                }
                break;
            case FaultKind.KillDaemon:
            case FaultKind.KillHost:
                // The daemon dies first and the fault is recorded after its SIGKILL: a release its workers sent
                // before that may have been done, none sent after can be.
                host.KillDaemon();
                Fault(host, rate.Kind, $"down {seconds} s");
                if (rate.Kind == FaultKind.KillHost)
                {
                    host.Workers.Where(w => !w.HasExited).ToList().ForEach(w => KillWorker(host, w));
                }
                _pending.Add((now + (seconds * 1000L), () =>
                {
                    host.StartDaemon();
                    host.BeginJoin();
                    _harness.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.FaultEnd, host.Index, 0, Detail: rate.Kind));
                }));
                break;
            case FaultKind.PauseHost:
                host.Paused = true;
                SignalHost(host, Shell.SigStop);
                Fault(host, rate.Kind, $"paused {seconds} s");
                _pending.Add((now + (seconds * 1000L), () =>
                {
                    SignalHost(host, Shell.SigCont);
                    host.Paused = false;
                    _harness.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.FaultEnd, host.Index, 0, Detail: rate.Kind));
                }));
                break;
            case FaultKind.RemLockspace:
                Fault(host, rate.Kind, "");
                int result = host.RemLockspace();
                _harness.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.FaultEnd, host.Index, 0, Code: result, Detail: rate.Kind));
                break;
            case FaultKind.UnwritableDir:
                if (_unwritable)
                {
                    return;
                }
                _unwritable = true;
                Fault(null, rate.Kind, $"{seconds} s");
                _ = Shell.Run("/bin/chmod", ["-R", "000", _storage!.LeaseDir]);
                _pending.Add((now + (seconds * 1000L), EndUnwritable));
                break;
            case FaultKind.FullFs:
                if (_storage!.MountPoint is null || _fillerPath.Length > 0)
                {
                    return;
                }
                _fillerPath = Path.Combine(_storage.MountPoint, "filler");
                long free = new DriveInfo(_storage.MountPoint).AvailableFreeSpace;
                _ = Shell.Run("/usr/bin/fallocate", ["-l", free.ToString(System.Globalization.CultureInfo.InvariantCulture), _fillerPath]);
                _ = Shell.Run("/bin/sh", ["-c", "cat /dev/zero > \"$0\" 2>/dev/null; true", _fillerPath + ".tail"]);
                Fault(null, rate.Kind, $"{seconds} s, {free / 1024} KiB filled");
                _pending.Add((now + (seconds * 1000L), EndFullFs));
                break;
            default:
                break;
        }
    }

    private void EndUnwritable()
    {
        _unwritable = false;
        _ = Shell.Run("/bin/chmod", ["777", _storage!.LeaseDir]);
        _ = Shell.Run("/bin/sh", ["-c", "chmod 660 \"$0\"/*", _storage.LeaseDir]);
        _harness.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.FaultEnd, 0, 0, Detail: FaultKind.UnwritableDir));
    }

    private void EndFullFs()
    {
        File.Delete(_fillerPath);
        File.Delete(_fillerPath + ".tail");
        _fillerPath = "";
        _harness.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.FaultEnd, 0, 0, Detail: FaultKind.FullFs));
    }

    private void Fault(ChaosHost? host, string kind, string detail)
    {
        _harness.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.Fault, host?.Index ?? 0, 0, Detail: kind));
        _log($"{(ChaosEvent.Now() - StartMs) / 1000.0,7:F1} s  {kind} {(host is null ? "" : $"host {host.Index}")} {detail}");
    }

    private void KillWorker(ChaosHost host, Process worker)
    {
        _harness.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.WorkerKill, host.Index, worker.Id));
        Shell.Signal(worker.Id, Shell.SigKill);
    }

    /// <summary>The daemon first, then its workers.</summary>
    private static void SignalHost(ChaosHost host, int signal)
    {
        if (host.DaemonPid > 0)
        {
            Shell.Signal(host.DaemonPid, signal);
        }
        foreach (var w in host.Workers.Where(w => !w.HasExited))
        {
            Shell.Signal(w.Id, signal);
        }
    }

    /// <summary>Ends every fault, kills every worker, then asks each live daemon which leases it still holds: one on
    /// a dead pid after a grace period is recorded as <see cref="EventKind.HeldAfterRun"/>.</summary>
    private void WindDown()
    {
        foreach (var p in _pending.ToList())
        {
            _pending.Remove(p);
            p.End();
        }
        foreach (var host in _hosts)
        {
            foreach (var w in host.Workers.Where(w => !w.HasExited).ToList())
            {
                KillWorker(host, w);
                w.WaitForExit(5000);
            }
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<(ChaosHost Host, int Pid, int Disk)> stale;
        do
        {
            Thread.Sleep(1000);
            stale = _hosts.Where(h => !h.DaemonDown)
                .SelectMany(h => h.HeldLeases().Select(l => (h, l.Pid, l.Disk)))
                .Where(l => !Shell.Alive(l.Pid))
                .ToList();
        }
        while (stale.Count > 0 && DateTime.UtcNow < deadline);
        foreach (var (host, pid, disk) in stale)
        {
            _harness.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.HeldAfterRun, host.Index, pid, disk));
        }
    }

    private void CopyLog(ChaosHost host)
    {
        string copy = Path.Combine(OutputDir, $"daemon-h{host.Index}{(host.Real ? "-real" : "")}.log");
        host.KeepLog();
        if (File.Exists(host.KeptLog))
        {
            File.Copy(host.KeptLog, copy, overwrite: true);
        }
    }
}
