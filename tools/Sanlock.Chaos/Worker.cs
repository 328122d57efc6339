using System.Net.Sockets;
using System.Runtime.InteropServices;
using Sanlock.Client;
using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Structs;

namespace Sanlock.Chaos;

/// <summary>A worker process: registers with its host's daemon, then acquires a random disk's lease (EX or SH),
/// writes records carrying the lease's token into that disk's guarded file while it holds it, and releases; until
/// its iterations are done or it is killed. Every step goes into its records file.</summary>
public static class Worker
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(2);

    public static int Run(WorkerOptions o)
    {
        int pid = Environment.ProcessId;
        using var records = new RecordWriter(o.Records);
        using var onSigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ =>
        {
            records.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.Sigterm, o.Host, pid));
            Environment.Exit(143);
        });
        var random = new Random(o.Seed);
        try
        {
            using var client = RegisteredClient.Register(o.Socket);
            long generation = HostGeneration(o);
            for (int i = 0; i < o.Iterations; i++)
            {
                RunOnce(o, client, random, records, pid, generation);
            }
            return 0;
        }
        catch (Exception e) when (e is SocketException or IOException or SanlockProtocolException or ObjectDisposedException)
        {
            records.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.Disconnected, o.Host, pid, Detail: e.Message));
            return 3;
        }
    }

    private static void RunOnce(WorkerOptions o, RegisteredClient client, Random random, RecordWriter records, int pid, long generation)
    {
        int disk = random.Next(o.Disks);
        bool shared = random.NextDouble() < o.SharedRatio;
        string mode = shared ? "SH" : "EX";
        var resource = SanlkResource.Create(o.Lockspace, WorkerOptions.ResourceName(disk),
            [new SanlkDisk(WorkerOptions.LeaseFile(o.LeaseDir, disk), 0)], shared ? ResourceFlags.Shared : ResourceFlags.None);
        var reply = client.Acquire([resource], new SanlkOptions("chaos"));
        if (reply.Result != 0)
        {
            records.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.Refused, o.Host, pid, disk, mode, Code: reply.Result));
            Thread.Sleep(random.Next(50, 250));
            return;
        }
        long acquiredAt = ChaosEvent.Now();
        long token = shared ? OnDiskLver(o, resource) : InquiredLver(client, resource);
        string grant = shared ? "" : " " + GrantIncarnation.Describe(WorkerOptions.LeaseFile(o.LeaseDir, disk), HostGeneration(o));
        records.Add(new ChaosEvent(acquiredAt, EventKind.Acquired, o.Host, pid, disk, mode, token, Detail: $"generation={generation}{grant}"));
        // The hold is counted in writes, not wall-clock time: a holder paused with its host carries on writing
        // when it resumes, as a resumed VM would, and it is up to its daemon to kill it.
        int writes = Math.Max(1, random.Next(o.HoldMinMs, o.HoldMaxMs + 1) / 50);
        for (int n = 0; n < writes; n++)
        {
            long at = ChaosEvent.Now();
            string line = $"{at} host={o.Host} pid={pid} mode={mode} token={token} generation={generation}";
            var outcome = GuardedDisk.Write(o.DiskDir, disk, token, !shared, line, LockWait, out int errno);
            records.Add(outcome switch
            {
                WriteOutcome.Accepted => new ChaosEvent(at, EventKind.Write, o.Host, pid, disk, mode, token, 0),
                WriteOutcome.RefusedStaleToken => new ChaosEvent(at, EventKind.Write, o.Host, pid, disk, mode, token, 1),
                WriteOutcome.Busy => new ChaosEvent(at, EventKind.WriteError, o.Host, pid, disk, mode, token, Detail: "lock-busy"),
                _ => new ChaosEvent(at, EventKind.WriteError, o.Host, pid, disk, mode, token, -errno, $"errno-{errno}"),
            });
            Thread.Sleep(50);
        }
        records.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.Releasing, o.Host, pid, disk, mode, token));
        var released = client.Release([resource]);
        records.Add(new ChaosEvent(ChaosEvent.Now(), EventKind.Released, o.Host, pid, disk, mode, token, released.Result));
    }

    /// <summary>The lver INQUIRE reports for our EX lease (the state string's last field).</summary>
    private static long InquiredLver(RegisteredClient client, SanlkResource resource)
    {
        var state = client.Inquire().BodyAs<InquireReply>().State ?? "";
        string prefix = $"{resource.LockspaceName}:{resource.Name}:";
        var mine = state.Split(' ').FirstOrDefault(r => r.StartsWith(prefix, StringComparison.Ordinal)) ?? "";
        return long.TryParse(mine[(mine.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture, out long lver) ? lver : -1;
    }

    /// <summary>INQUIRE shows "SH" for shared leases: read the leader's lver from disk instead.</summary>
    private static long OnDiskLver(WorkerOptions o, SanlkResource resource)
    {
        var reply = new SanlockClient(o.Socket).ReadResource(resource);
        return reply.Result == 0 ? (long)reply.BodyAs<ResourceReply>().Resource.Lver : -1;
    }

    private static long HostGeneration(WorkerOptions o)
    {
        try
        {
            var reply = new SanlockClient(o.Socket).GetHosts(o.Lockspace, (ulong)o.HostId);
            return reply.Result == 0 ? (long)reply.BodyAs<HostsReply>().Hosts.FirstOrDefault().Generation : -1;
        }
        catch (Exception e) when (e is SocketException or IOException or SanlockProtocolException)
        {
            return -1;
        }
    }
}
