using System.Diagnostics;
using System.Globalization;
using Sanlock.Client;
using Sanlock.InteropTests.Daemon;
using Sanlock.Libvirt;
using Sanlock.Libvirt.Naming;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Structs;

namespace Sanlock.InteropTests.Libvirt;

/// <summary>Several hosts sharing one lease directory: our daemons started with <c>--libvirt-conf</c>, each in its
/// own run dir, plus the lease-holding processes the tests start. Everything is killed and removed on dispose.</summary>
public sealed class LibvirtHosts : IDisposable
{
    public const string Lockspace = LibvirtDisksLockspace.Name;
    private static readonly TimeSpan _joinLimit = TimeSpan.FromSeconds(40);
    private readonly List<OurDaemon> _daemons = [];
    private readonly List<Process> _holders = [];

    public DaemonTestDir Dir { get; } = new();

    public string LeaseDir => Dir.LeaseDir;

    public string LockspacePath => $"{LeaseDir}/{Lockspace}";

    public string RunDir(int host) => Path.Combine(Dir.Root, $"run{host}");

    public static string LeaseName(string disk) => DiskLeaseNames.SanlockResourceName(disk);

    public string LeaseFile(string disk) => $"{LeaseDir}/{LeaseName(disk)}";

    /// <summary>Writes host <paramref name="hostId"/>'s qemu-sanlock.conf (auto mode, io_timeout 1 so joins take ~3 s).</summary>
    public string WriteConf(int hostId, string? extra = null, string? leaseDir = null, string? name = null)
    {
        string path = Path.Combine(Dir.Root, name ?? $"host{hostId}.conf");
        File.WriteAllText(path, $"auto_disk_leases = 1\nhost_id = {hostId}\ndisk_lease_dir = \"{leaseDir ?? LeaseDir}\"\nio_timeout = 1\n{extra}");
        return path;
    }

    /// <summary>Starts our daemon as host <paramref name="hostId"/> with its conf (without waiting for the join).</summary>
    public OurDaemon StartDaemon(int hostId, string conf, params string[] extra)
    {
        Directory.CreateDirectory(RunDir(hostId));
        var daemon = OurDaemon.Start(RunDir(hostId), $"host{hostId}", ["--libvirt-conf", conf, .. extra]);
        _daemons.Add(daemon);
        return daemon;
    }

    /// <summary>Starts host <paramref name="hostId"/> and waits until it has joined <c>__LIBVIRT__DISKS__</c>.</summary>
    public OurDaemon StartJoinedHost(int hostId, string? extra = null)
    {
        var daemon = StartDaemon(hostId, WriteConf(hostId, extra));
        WaitJoined(RunDir(hostId), hostId);
        return daemon;
    }

    /// <summary>Polls INQ_LOCKSPACE on the daemon of <paramref name="runDir"/> until it reports joined.</summary>
    public void WaitJoined(string runDir, int hostId)
    {
        var client = new SanlockClient(Path.Combine(runDir, "sanlock.sock"));
        var lockspace = new SanlkLockspace(Lockspace, (ulong)hostId, LockspaceFlags.None, new SanlkDisk(LockspacePath, 0));
        var clock = Stopwatch.StartNew();
        int result;
        while ((result = client.InqLockspace(lockspace).Result) != 0)
        {
            if (clock.Elapsed > _joinLimit)
            {
                throw new TimeoutException($"host {hostId} did not join {Lockspace} in {_joinLimit} (last inquire {result})");
            }
            Thread.Sleep(100);
        }
    }

    /// <summary>Runs our CLI (<c>sanlock ARGS…</c>) against the daemon of <paramref name="runDir"/>.</summary>
    public static ProcessResult Cli(string runDir, params string[] args) => Tools.Run(OurDaemon.Binary, args, runDir);

    /// <summary>Runs <c>sanlock daemon …</c> to completion (for start-ups that must fail); stderr captured.</summary>
    /// <remarks>Up to 150 s: taking over a host_id another host renews takes 8T + 60 s before sanlock gives up.</remarks>
    public ProcessResult RunDaemonToExit(int hostId, params string[] args)
    {
        Directory.CreateDirectory(RunDir(hostId));
        return Tools.Run(OurDaemon.Binary, ["daemon", "-D", "-w", "0", "-e", $"host{hostId}", .. args], RunDir(hostId), TimeSpan.FromSeconds(150));
    }

    /// <summary>Starts <c>sanlock disk run … -- sleep 300</c> on <paramref name="runDir"/>'s daemon and waits until
    /// the sleeping process holds every planned lease (its INQUIRE state names them). Returns the pid.</summary>
    public int StartHolder(string runDir, string conf, params string[] disks)
    {
        var start = new ProcessStartInfo(OurDaemon.Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "disk", "run", "--config", conf }.Concat(disks).Concat(["--", "/bin/sleep", "300"]))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        var process = Process.Start(start)!;
        _holders.Add(process);
        var client = new SanlockClient(Path.Combine(runDir, "sanlock.sock"));
        var names = disks.Where(d => !d.StartsWith("--", StringComparison.Ordinal)).Select(LeaseName).ToList();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"disk run exited {process.ExitCode}: {process.StandardError.ReadToEnd()}");
            }
            var reply = client.Inquire(process.Id);
            string state = reply.Body is InquireReply { State: { } s } ? s : string.Empty;
            if (reply.Result == 0 && names.All(n => state.Contains(n, StringComparison.Ordinal)))
            {
                return process.Id;
            }
            if (clock.Elapsed > _joinLimit)
            {
                throw new TimeoutException($"disk run on {runDir} did not hold {string.Join(',', disks)}");
            }
            Thread.Sleep(100);
        }
    }

    /// <summary>Kills a holder started by <see cref="StartHolder"/> (its leases go with its connection).</summary>
    public void StopHolder(int pid)
    {
        foreach (var holder in _holders.Where(h => h.Id == pid))
        {
            Kill(holder);
        }
    }

    /// <summary>Owner, group and permission bits of <paramref name="path"/> as stat prints them.</summary>
    public static (string Owner, string Group, string Mode, long Size) StatOf(string path)
    {
        var fields = Tools.Run("/usr/bin/stat", ["-c", "%U %G %a %s", path]).EnsureSuccess().Stdout.Trim().Split(' ');
        return (fields[0], fields[1], fields[2], long.Parse(fields[3], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        foreach (var holder in _holders)
        {
            Kill(holder);
            holder.Dispose();
        }
        foreach (var daemon in _daemons)
        {
            daemon.Dispose();
        }
        Dir.Dispose();
    }

    private static void Kill(Process process)
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
    }
}
