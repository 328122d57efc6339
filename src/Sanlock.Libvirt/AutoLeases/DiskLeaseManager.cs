using Sanlock.Client;
using Sanlock.Libvirt.SanlockPlugin;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Structs;

namespace Sanlock.Libvirt.AutoLeases;

/// <summary>
/// The per-VM work of the sanlock plugin (spec libvirt §4): plans the resources of a set of disks (EX, SH for
/// shareable, none for read-only; at most eight; <c>require_lease_for_disks</c>), creates and formats missing lease
/// files (<c>&lt;disk_lease_dir&gt;/&lt;md5&gt;</c>, 0600, chowned), and acquires, releases or inquires them on behalf
/// of a pid through the daemon.
/// </summary>
public sealed class DiskLeaseManager
{
    private readonly QemuSanlockConfig _config;
    private readonly SanlockClient _client;
    private readonly SanlockLeasePlanner _planner;

    public DiskLeaseManager(QemuSanlockConfig config, SanlockClient client)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(client);
        _config = config;
        _client = client;
        _planner = new SanlockLeasePlanner(config);
    }

    public QemuSanlockConfig Config => _config;

    /// <summary>The leases for <paramref name="items"/>, checked as libvirt checks them before every acquire.</summary>
    /// <exception cref="LibvirtException">more than eight resources, a lease path too long, or writable disks
    /// without leases while <c>require_lease_for_disks</c> is on.</exception>
    public SanlockLeasePlan Plan(IEnumerable<OfferedItem> items)
    {
        SanlockLeasePlan plan = _planner.Plan(items);
        plan.EnsureAcquirable();
        return plan;
    }

    /// <summary>Creates and formats each automatic lease file that does not exist yet; returns the files created.</summary>
    /// <exception cref="LibvirtException">creation, chown, allocation or formatting failed.</exception>
    public IReadOnlyList<string> EnsureLeaseFiles(SanlockLeasePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var created = new List<string>();
        foreach (PlannedSanlockLease lease in plan.Leases)
        {
            if (lease.AutoLeaseFile is not { } file)
            {
                continue;
            }
            var resource = ToWire(lease.Resource with { Shared = false });
            if (SanlockFileCreator.EnsureCreated(file, LockspaceFilePolicy.LeaseFileCreateMode, _config, _client, lease: true,
                c => c.WriteResource(resource).Result))
            {
                created.Add(file);
            }
        }
        return created;
    }

    /// <summary>Acquires every planned resource for <paramref name="pid"/> in one request (all or nothing).</summary>
    /// <exception cref="LibvirtException"><c>[resource busy: ]Failed to acquire lock: …</c>.</exception>
    public void Acquire(int pid, SanlockLeasePlan plan, string ownerName = "")
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Leases.Length == 0)
        {
            return;
        }
        Check(_client.Acquire(pid, Resources(plan), Owner(ownerName)).Result, SanlockPluginMessages.AcquireFailed);
    }

    /// <summary>Acquires every planned resource for the process registered on <paramref name="registered"/>.</summary>
    /// <exception cref="LibvirtException"><c>[resource busy: ]Failed to acquire lock: …</c>.</exception>
    public static void Acquire(RegisteredClient registered, SanlockLeasePlan plan, string ownerName = "")
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Leases.Length == 0)
        {
            return;
        }
        Check(registered.Acquire(Resources(plan), Owner(ownerName)).Result, SanlockPluginMessages.AcquireFailed);
    }

    /// <summary>Releases the planned resources held by <paramref name="pid"/>.</summary>
    /// <exception cref="LibvirtException"><c>[internal error: ]Failed to release lock: …</c>.</exception>
    public void Release(int pid, SanlockLeasePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Leases.Length == 0)
        {
            return;
        }
        Check(_client.Release(pid, Resources(plan)).Result, SanlockPluginMessages.ReleaseFailed);
    }

    /// <summary>The lock state of <paramref name="pid"/>: its resources as sanlock prints them, empty when it holds none.</summary>
    /// <exception cref="LibvirtException"><c>Failed to inquire lock: …</c> (e.g. the pid is not registered).</exception>
    public string Inquire(int pid)
    {
        SanlockReply reply = _client.Inquire(pid);
        Check(reply.Result, SanlockPluginMessages.InquireFailed);
        return reply.Body is InquireReply { State: { } state } ? state : string.Empty;
    }

    public static SanlkResource ToWire(SanlockResourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return SanlkResource.Create(spec.Lockspace, spec.Name, [.. spec.Disks.Select(d => new SanlkDisk(d.Path, d.Offset))],
            spec.Shared ? ResourceFlags.Shared : ResourceFlags.None);
    }

    private static SanlkResource[] Resources(SanlockLeasePlan plan) => [.. plan.Resources.Select(ToWire)];

    /// <summary>libvirt passes the VM name truncated to 47 bytes.</summary>
    private static SanlkOptions Owner(string ownerName) =>
        new(ownerName.Length > SanlkOptions.OwnerNameSize - 1 ? ownerName[..(SanlkOptions.OwnerNameSize - 1)] : ownerName);

    private static void Check(int result, Func<int, LibvirtException> error)
    {
        if (result != 0)
        {
            throw error(result);
        }
    }
}
