using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Logging;

namespace Sanlock.Daemon.Hosting;

/// <summary>Accepts client connections and runs each one's frame loop until it closes or the daemon stops.</summary>
public sealed class ListenerService : BackgroundService
{
    private readonly SanlockDaemon _daemon;
    private readonly ConnectionLoop _loop;
    private readonly ILogger _log;
    private readonly List<Task> _connections = [];
    private Socket? _listener;
    private bool _ownsPath;

    public ListenerService(SanlockDaemon daemon, ConnectionLoop loop, ILogger<ListenerService> log)
    {
        _daemon = daemon;
        _loop = loop;
        _log = log;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = ListeningSocket.FromSystemd();
        if (_listener is not null)
        {
            DaemonLog.SocketActivated(_log, 3);
        }
        else
        {
            _listener = ListeningSocket.Bind(_daemon.Options.SocketPath, _daemon.HostUid, _daemon.HostGid, message => _log.LogWarning("{Message}", message));
            _ownsPath = true;
            DaemonLog.Listening(_log, _daemon.Options.SocketPath);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = _listener!;
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e)
            {
                DaemonLog.ConnectionFailed(_log, -1, e.Message);
                await Task.Delay(10, stoppingToken).ConfigureAwait(false);
                continue;
            }
            var task = Task.Run(() => _loop.RunAsync(accepted, stoppingToken), CancellationToken.None);
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(task);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        _listener?.Dispose();
        if (_ownsPath)
        {
            try
            {
                File.Delete(_daemon.Options.SocketPath);
            }
            catch (IOException)
            {
            }
        }
        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
    }
}
