using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Commands;
using Sanlock.Daemon.Killing;
using Sanlock.Daemon.Logging;
using Sanlock.Daemon.Resources;
using Sanlock.Daemon.Spaces;
using Sanlock.OnDisk;
using Sanlock.Protocol;
using Sanlock.Protocol.Structs;

namespace Sanlock.Daemon.Hosting;

/// <summary>Owns the lockspaces' life in the host: joins those configured at start, reacts to a lockspace that can
/// no longer be renewed (kill policy §4.7.6), delivers host events (§4.31), and leaves every lockspace at stop.</summary>
public sealed class LockspaceService : IHostedService
{
    private readonly SanlockDaemon _daemon;
    private readonly CommandHandler _handler;
    private readonly RequestWatcher _requests;
    private readonly ILogger _log;
    private readonly List<Task> _killers = [];

    public LockspaceService(SanlockDaemon daemon, CommandHandler handler, RequestWatcher requests, ILogger<LockspaceService> log)
    {
        _daemon = daemon;
        _handler = handler;
        _requests = requests;
        _log = log;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _daemon.Spaces.SpaceFailed += OnSpaceFailed;
        _daemon.Spaces.EventReceived += OnEvent;
        _daemon.Spaces.EventReceived += (space, fromHostId, _) => _requests.OnHostBit(space, fromHostId);
        DaemonLog.Started(_log, _daemon.Options.RunDirectory, _daemon.Spaces.HostName, _daemon.Options.UseWatchdog);
        foreach (string spec in _daemon.Options.JoinAtStart)
        {
            StartupLockspace.Join(_daemon, spec, _log);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        DaemonLog.ShuttingDown(_log);
        // Each lockspace runs its own kill schedule (up to 100 s); they run side by side.
        await Task.WhenAll(_daemon.Spaces.Snapshot().Select(_handler.RemoveAsync)).ConfigureAwait(false);
        lock (_daemon.ShutdownWaiters)
        {
            var done = new byte[SmHeader.Size];
            new SmHeader(SmHeader.SmMagic, SmHeader.ProtocolVersion, SmCommand.ShutdownComplete, 0, SmHeader.Size, 0, 0, 0).Write(done);
            foreach (var socket in _daemon.ShutdownWaiters)
            {
                try
                {
                    socket.Send(done);
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }
            }
        }
    }

    private void OnSpaceFailed(Space space)
    {
        lock (_killers)
        {
            _killers.Add(Task.Run(() => KillHoldersAsync(space)));
        }
    }

    /// <summary>Signals every pid holding a lease in the failed lockspace, one step a second (at most 100), until
    /// none is left: the kill path or SIGTERM during the grace, SIGKILL after it (§4.7.6).</summary>
    private async Task KillHoldersAsync(Space space)
    {
        space.KillingPids = true;
        var lastRenewal = TimeSpan.FromSeconds(space.Engine?.Delta.LastSuccess ?? 0);
        var ranKillPath = new HashSet<ClientState>();
        await KillLoop.RunAsync(() => _daemon.Clients.Snapshot().Where(c => HoldsIn(c, space)).ToList(), client =>
        {
            var action = KillSchedule.Next(_daemon.Clock.Now, lastRenewal, space.Timeouts.IdRenewalFail, _daemon.Options.KillGraceSeconds,
                client.KillPath is { Path.Length: > 0 }, ranKillPath.Contains(client));
            switch (action)
            {
                case KillAction.RunKillPath:
                    ranKillPath.Add(client);
                    KillPathRunner.Run(client, _log);
                    break;
                case KillAction.Sigterm:
                    DaemonLog.Killing(_log, client.Pid, Signals.For(client.Restricted, Signals.Sigterm), $"lockspace {space.Name} failed");
                    Signals.Send(client, Signals.Sigterm);
                    break;
                case KillAction.Sigkill:
                    DaemonLog.Killing(_log, client.Pid, Signals.For(client.Restricted, Signals.Sigkill), $"lockspace {space.Name} failed");
                    Signals.Send(client, Signals.Sigkill);
                    break;
            }
        }).ConfigureAwait(false);
        space.KillingPids = false;
        await _handler.RemoveAsync(space).ConfigureAwait(false);
    }

    private static bool HoldsIn(ClientState client, Space space)
    {
        lock (client.Gate)
        {
            return client.Leases.Any(t => ReferenceEquals(t.Resource.Space, space));
        }
    }

    /// <summary>Delivers an event another host addressed to us to every event channel of the lockspace.</summary>
    private void OnEvent(Space space, int fromHostId, Leader record)
    {
        if (record.WriteGeneration == 0)
        {
            return;
        }
        var message = new byte[EventCallback.Size];
        EventCallback.Create(new SanlkHostEvent((ulong)space.HostId, record.WriteId, record.WriteGeneration, record.WriteTimestamp),
            (ulong)fromHostId, record.OwnerGeneration).Write(message);
        lock (space.EventChannels)
        {
            foreach (var channel in space.EventChannels.ToArray())
            {
                try
                {
                    channel.Blocking = false;
                    channel.Send(message);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
                {
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    space.EventChannels.Remove(channel);
                    channel.Dispose();
                }
            }
        }
    }
}
