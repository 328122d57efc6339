using Microsoft.Extensions.Logging;
using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Logging;
using Sanlock.Daemon.Resources;
using Sanlock.OnDisk;
using Sanlock.Protocol;
using Sanlock.Protocol.Requests;

namespace Sanlock.Daemon.Commands;

/// <summary>Executes one decoded request for one connection and says what to reply (sanlock-wire-protocol.md §4).</summary>
public sealed partial class CommandHandler
{
    private readonly SanlockDaemon _daemon;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _workers;
    private readonly RequestWatcher _requests;

    public CommandHandler(SanlockDaemon daemon, RequestWatcher requests, ILogger<CommandHandler> log)
    {
        _daemon = daemon;
        _requests = requests;
        _log = log;
        _workers = new SemaphoreSlim(Math.Max(daemon.Options.MaxWorkerThreads, 1) * 16);
    }

    public async Task<Reply> HandleAsync(ClientState client, SmHeader header, RequestBody body, CancellationToken cancellationToken)
    {
        if ((client.Restricted & Protocol.Flags.CommandFlags.RestrictAll) != 0)
        {
            return Reply.None;
        }
        Reply reply = header.Command switch
        {
            SmCommand.Register => Register(client),
            SmCommand.Version => Reply.None,
            SmCommand.Restrict => Restrict(client, header),
            SmCommand.Status => Status(client, header),
            SmCommand.HostStatus => HostStatus(client, header, (LockspaceBody)body),
            SmCommand.Renewal => Renewal(header, (LockspaceBody)body),
            SmCommand.GetLockspaces => GetLockspaces(),
            SmCommand.GetHosts => GetHosts((LockspaceBody)body),
            SmCommand.LogDump => LogDump(),
            SmCommand.Shutdown => Shutdown(header),
            SmCommand.SetConfig => SetConfig(header, (LockspaceBody)body),
            SmCommand.RegEvent => RegEvent(client, (LockspaceEventBody)body),
            SmCommand.EndEvent => EndEvent((LockspaceBody)body),
            _ => await RunWorkerAsync(client, header, body, cancellationToken).ConfigureAwait(false),
        };
        if (header.Command != SmCommand.Register)
        {
            client.BeginMainCommand((int)header.Command);
        }
        if (_log.IsEnabled(LogLevel.Debug))
        {
            DaemonLog.Command(_log, client.Slot, client.Pid, header.Command.ToString(), reply.Result);
        }
        return reply;
    }

    /// <summary>Worker commands (§4.1 classes W and R) run off the connection's thread, bounded in number.</summary>
    private async Task<Reply> RunWorkerAsync(ClientState client, SmHeader header, RequestBody body, CancellationToken cancellationToken)
    {
        await _workers.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => WorkerAsync(client, header, body, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _workers.Release();
        }
    }

    private Task<Reply> WorkerAsync(ClientState client, SmHeader header, RequestBody body, CancellationToken cancellationToken) => header.Command switch
    {
        SmCommand.AddLockspace => AddLockspaceAsync(header, (LockspaceBody)body),
        SmCommand.InqLockspace => InqLockspaceAsync(header, (LockspaceBody)body, cancellationToken),
        SmCommand.RemLockspace => RemLockspaceAsync(header, (LockspaceBody)body),
        SmCommand.Acquire => OnTargetAsync(client, header, target => AcquireAsync(target, header, (AcquireBody)body, cancellationToken)),
        SmCommand.Release => OnTargetAsync(client, header, target => ReleaseAsync(target, header, (ResourcesBody)body)),
        SmCommand.Inquire => OnTargetAsync(client, header, target => Task.FromResult(Inquire(target))),
        SmCommand.Convert => OnTargetAsync(client, header, target => ConvertAsync(target, header, (ResourcesBody)body, cancellationToken)),
        SmCommand.KillPath => OnTargetAsync(client, header, target => Task.FromResult(KillPath(target, header, (KillPathBody)body))),
        SmCommand.Request => RequestAsync(header, (ResourceWithDisksBody)body, cancellationToken),
        SmCommand.ExamineLockspace => Task.FromResult(Examine(((LockspaceBody)body).Lockspace.Name, null)),
        SmCommand.ExamineResource => Task.FromResult(Examine(((ResourcesBody)body).Resources[0].LockspaceName, ((ResourcesBody)body).Resources[0].Name)),
        SmCommand.Align => Task.FromResult(Align((DiskBody)body)),
        SmCommand.WriteLockspace => WriteLockspaceAsync(header, (LockspaceBody)body),
        SmCommand.WriteResource => WriteResourceAsync(header, (ResourceWithDisksBody)body),
        SmCommand.ReadLockspace => ReadLockspaceAsync((LockspaceBody)body),
        SmCommand.ReadResource => ReadResourceAsync((ResourceWithDisksBody)body, owners: false),
        SmCommand.ReadResourceOwners => ReadResourceAsync((ResourceWithDisksBody)body, owners: true),
        SmCommand.SetLvb => Task.FromResult(SetLvb((SetLvbBody)body)),
        SmCommand.GetLvb => Task.FromResult(GetLvb((ResourcesBody)body)),
        SmCommand.SetEvent => Task.FromResult(SetEvent(header, (LockspaceEventBody)body)),
        SmCommand.ShutdownWait => Task.FromResult(ShutdownWait(client, header)),
        SmCommand.FormatRindex or SmCommand.RebuildRindex or SmCommand.UpdateRindex or SmCommand.LookupRindex
            or SmCommand.CreateResource or SmCommand.DeleteResource => RindexAsync(header, body, cancellationToken),
        _ => Task.FromResult(Reply.None),
    };

    /// <summary>§1.5: resolve data2 to the registered target and serialise commands per target.</summary>
    private async Task<Reply> OnTargetAsync(ClientState client, SmHeader header, Func<ClientState, Task<Reply>> run)
    {
        ClientState? target;
        if (header.Data2 == SmHeader.TargetSelf)
        {
            if (!client.Registered)
            {
                return Reply.Of(SanlockError.EBUSY);
            }
            target = client;
        }
        else
        {
            target = _daemon.Clients.FindRegistered(unchecked((int)header.Data2));
            if (target is null)
            {
                return Reply.Of(SanlockError.ESRCH);
            }
        }
        if (target.PidDead)
        {
            return Reply.Of(header.Command is SmCommand.Acquire or SmCommand.Inquire ? SanlockError.ESTALE : SanlockError.EBUSY);
        }
        if (!target.TryBeginCommand((int)header.Command))
        {
            return Reply.Of(SanlockError.EBUSY);
        }
        try
        {
            return await run(target).ConfigureAwait(false);
        }
        finally
        {
            target.EndCommand();
        }
    }

    private static Reply Register(ClientState client)
    {
        lock (client.Gate)
        {
            client.Registered = true;
            client.Pid = client.PeerPid;
            client.Name = client.PeerPid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Reply.None;
    }

    private static Reply Restrict(ClientState client, SmHeader header)
    {
        client.Restricted = header.CmdFlags;
        return Reply.Of(0);
    }

    /// <summary>The VERSION reply header is rebuilt, not copied (§2.4); the connection loop writes it.</summary>
    public static SmHeader VersionReply() =>
        new(SmHeader.SmMagic, SmHeader.ProtocolVersion, SmCommand.Version, 0, SmHeader.Size, 0, 0, SmHeader.DaemonVersion385);
}
