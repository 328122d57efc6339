using System.Net.Sockets;
using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Requests;
using Sanlock.Protocol.Structs;

namespace Sanlock.Client;

/// <summary>Requests to the sanlock daemon, each on a fresh connection as libsanlock does (§7): one request, one
/// reply, close. Results are returned as <see cref="SanlockReply"/> (call <see cref="SanlockReply.EnsureSuccess"/>
/// for a <see cref="Sanlock.OnDisk.SanlockException"/>); a socket error becomes the negated errno as result, like
/// libsanlock (e.g. −2 when the socket does not exist, −111 when nobody listens).</summary>
/// <remarks>Commands and bodies: sanlock-wire-protocol.md §4.</remarks>
public sealed class SanlockClient
{
    public SanlockClient(string? socketPath = null) => SocketPath = socketPath ?? SanlockSocketPath.Default;

    public string SocketPath { get; }

    /// <summary>When set, a missing daemon is started (an unprivileged user's own daemon); null: fail like libsanlock.</summary>
    public DaemonAutoStart? AutoStart { get; init; }

    /// <summary>A connection to the daemon (starting it first when <see cref="AutoStart"/> says so).</summary>
    public SanlockConnection Connect() => AutoStart is { } autoStart && autoStart.SocketPath == SocketPath
        ? autoStart.Connect()
        : SanlockConnection.Open(SocketPath);

    public SanlockReply Execute(SmCommand command, RequestBody body, uint cmdFlags = 0, uint data = 0, uint data2 = 0)
    {
        try
        {
            using SanlockConnection connection = Connect();
            return connection.Execute(command, body, cmdFlags, data, data2);
        }
        catch (SocketException e)
        {
            return SanlockReply.Failed(command, -ErrnoOf(e));
        }
        catch (SanlockProtocolException)
        {
            return SanlockReply.Failed(command, -1);
        }
    }

    /// <summary>Sends a request that gets no reply (SHUTDOWN); 0 once sent.</summary>
    public int SendOnly(SmCommand command, RequestBody body, uint cmdFlags = 0, uint data = 0, uint data2 = 0)
    {
        try
        {
            using SanlockConnection connection = Connect();
            connection.Send(command, body, cmdFlags, data, data2);
            return 0;
        }
        catch (SocketException e)
        {
            return -ErrnoOf(e);
        }
    }

    public SanlockReply Version() => Execute(SmCommand.Version, EmptyBody.Instance);

    public SanlockReply Status(uint level = HeaderData.StatusAll) => Execute(SmCommand.Status, EmptyBody.Instance, data: level);

    public SanlockReply HostStatus(string lockspaceName) => Execute(SmCommand.HostStatus, NamedLockspace(lockspaceName));

    public SanlockReply Renewal(string lockspaceName) => Execute(SmCommand.Renewal, NamedLockspace(lockspaceName));

    public SanlockReply LogDump() => Execute(SmCommand.LogDump, EmptyBody.Instance);

    public SanlockReply GetLockspaces() => Execute(SmCommand.GetLockspaces, EmptyBody.Instance);

    public SanlockReply GetHosts(string lockspaceName, ulong hostId = 0) =>
        Execute(SmCommand.GetHosts, new LockspaceBody(new SanlkLockspace(lockspaceName, hostId, LockspaceFlags.None, new SanlkDisk(string.Empty, 0))));

    public SanlockReply AddLockspace(SanlkLockspace lockspace, uint flags = 0, uint ioTimeout = 0) =>
        Execute(SmCommand.AddLockspace, new LockspaceBody(lockspace), flags, ioTimeout);

    public SanlockReply InqLockspace(SanlkLockspace lockspace, uint flags = 0) =>
        Execute(SmCommand.InqLockspace, new LockspaceBody(lockspace), flags);

    public SanlockReply RemLockspace(SanlkLockspace lockspace, uint flags = 0) =>
        Execute(SmCommand.RemLockspace, new LockspaceBody(lockspace), flags);

    /// <summary>SHUTDOWN gets no reply (§4.6).</summary>
    public int Shutdown(bool force) => SendOnly(SmCommand.Shutdown, EmptyBody.Instance, data: force ? 1u : 0u);

    /// <summary>SHUTDOWN_WAIT: −16 at once, or 0 when the daemon exits.</summary>
    public SanlockReply ShutdownWait(bool force) => Execute(SmCommand.ShutdownWait, EmptyBody.Instance, data: force ? 1u : 0u);

    /// <summary>ACQUIRE on behalf of <paramref name="pid"/> (−1 = this connection, which is never registered here).</summary>
    public SanlockReply Acquire(int pid, IReadOnlyList<SanlkResource> resources, SanlkOptions options, uint flags = 0) =>
        Execute(SmCommand.Acquire, new AcquireBody(resources, options), flags, (uint)resources.Count, unchecked((uint)pid));

    /// <summary>RELEASE on behalf of <paramref name="pid"/>; resources travel without disks (§4.8).</summary>
    public SanlockReply Release(int pid, IReadOnlyList<SanlkResource> resources, uint flags = 0) =>
        Execute(SmCommand.Release, new ResourcesBody(WithoutDisks(resources)), flags, (uint)resources.Count, unchecked((uint)pid));

    public SanlockReply Inquire(int pid) => Execute(SmCommand.Inquire, EmptyBody.Instance, data2: unchecked((uint)pid));

    public SanlockReply Convert(int pid, SanlkResource resource, uint flags = 0) =>
        Execute(SmCommand.Convert, new ResourcesBody(WithoutDisks([resource])), flags, data2: unchecked((uint)pid));

    public SanlockReply Request(SanlkResource resource, uint forceMode, uint flags = 0) =>
        Execute(SmCommand.Request, new ResourceWithDisksBody(resource), flags, forceMode);

    public SanlockReply ExamineResource(SanlkResource resource) =>
        Execute(SmCommand.ExamineResource, new ResourcesBody(WithoutDisks([resource])));

    public SanlockReply ExamineLockspace(SanlkLockspace lockspace) =>
        Execute(SmCommand.ExamineLockspace, new LockspaceBody(lockspace));

    public SanlockReply Align(SanlkDisk disk) => Execute(SmCommand.Align, new DiskBody(disk));

    public SanlockReply WriteLockspace(SanlkLockspace lockspace, uint maxHosts = 0, uint ioTimeout = 0, uint flags = 0) =>
        Execute(SmCommand.WriteLockspace, new LockspaceBody(lockspace), flags, maxHosts, ioTimeout);

    public SanlockReply WriteResource(SanlkResource resource, uint maxHosts = 0, uint numHosts = 0, uint flags = 0) =>
        Execute(SmCommand.WriteResource, new ResourceWithDisksBody(resource), flags, maxHosts, numHosts);

    public SanlockReply ReadLockspace(SanlkLockspace lockspace, uint flags = 0) =>
        Execute(SmCommand.ReadLockspace, new LockspaceBody(lockspace), flags);

    public SanlockReply ReadResource(SanlkResource resource, uint flags = 0) =>
        Execute(SmCommand.ReadResource, new ResourceWithDisksBody(resource), flags);

    public SanlockReply ReadResourceOwners(SanlkResource resource, uint flags = 0) =>
        Execute(SmCommand.ReadResourceOwners, new ResourceWithDisksBody(resource), flags);

    public SanlockReply SetEvent(string lockspaceName, SanlkHostEvent hostEvent, uint flags = 0) =>
        Execute(SmCommand.SetEvent, new LockspaceEventBody(NamedLockspace(lockspaceName).Lockspace, hostEvent), flags);

    public SanlockReply SetConfig(string lockspaceName, uint value) =>
        Execute(SmCommand.SetConfig, NamedLockspace(lockspaceName), data: value);

    public SanlockReply SetLvb(SanlkResource resource, ReadOnlyMemory<byte> lvb) =>
        Execute(SmCommand.SetLvb, new SetLvbBody(WithoutDisks([resource])[0], lvb));

    public SanlockReply GetLvb(SanlkResource resource) =>
        Execute(SmCommand.GetLvb, new ResourcesBody(WithoutDisks([resource])));

    public SanlockReply FormatRindex(SanlkRindex rindex, uint flags = 0) => Execute(SmCommand.FormatRindex, new RindexBody(rindex), flags);

    public SanlockReply RebuildRindex(SanlkRindex rindex, uint flags = 0) => Execute(SmCommand.RebuildRindex, new RindexBody(rindex), flags);

    public SanlockReply UpdateRindex(SanlkRindex rindex, SanlkRentry entry, uint flags = 0) =>
        Execute(SmCommand.UpdateRindex, new RindexEntryBody(rindex, entry), flags);

    public SanlockReply LookupRindex(SanlkRindex rindex, SanlkRentry entry, uint flags = 0) =>
        Execute(SmCommand.LookupRindex, new RindexEntryBody(rindex, entry), flags);

    public SanlockReply CreateResource(SanlkRindex rindex, SanlkRentry entry, uint maxHosts = 0, uint numHosts = 0, uint flags = 0) =>
        Execute(SmCommand.CreateResource, new RindexEntryBody(rindex, entry), flags, maxHosts, numHosts);

    public SanlockReply DeleteResource(SanlkRindex rindex, SanlkRentry entry, uint flags = 0) =>
        Execute(SmCommand.DeleteResource, new RindexEntryBody(rindex, entry), flags);

    /// <summary>A resource as RELEASE / CONVERT / EXAMINE send it: the 128-byte struct, num_disks kept (§4.8).</summary>
    public static SanlkResource[] WithoutDisks(IReadOnlyList<SanlkResource> resources) =>
        [.. resources.Select(r => r with { Disks = [] })];

    /// <summary>The errno behind a socket failure. .NET folds errno into <see cref="SocketError"/> (ENOENT of a
    /// missing socket file becomes AddressNotAvailable), so map the cases a client meets back to Linux numbers.</summary>
    public static int ErrnoOf(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.AddressNotAvailable => 2,
        SocketError.ConnectionRefused => 111,
        SocketError.AccessDenied => 13,
        SocketError.ConnectionReset => 104,
        SocketError.Shutdown => 32,
        _ => e.NativeErrorCode > 0 ? e.NativeErrorCode : 1,
    };

    private static LockspaceBody NamedLockspace(string name) =>
        new(new SanlkLockspace(name, 0, LockspaceFlags.None, new SanlkDisk(string.Empty, 0)));
}
