using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sanlock.Daemon.Hosting;
using Sanlock.Daemon.Native;
using Sanlock.Libvirt;
using Sanlock.Lockd.Locking;
using Sanlock.Lockd.Protocol;

namespace Sanlock.Lockd.Daemon;

/// <summary>
/// Accepts lockd clients (root, or our own uid when unprivileged) and serves each connection one request at a time.
/// A connection's end releases what its session implies (<see cref="ClientSession.OwnerToReleaseOnClose"/>), except
/// when the daemon is handing its state to a new image of itself (restart in place).
/// </summary>
public sealed class LockdListener : BackgroundService
{
    private readonly LockdOptions _options;
    private readonly LockManager _locks;
    private readonly LockdConnections _connections;
    private readonly ILogger _log;
    private readonly List<Task> _running = [];
    private readonly int _ourUid = (int)Native.LibC.GetUid();
    private Socket? _listener;
    private bool _ownsPath;

    public LockdListener(LockdOptions options, LockManager locks, LockdConnections connections, ILogger<LockdListener> log)
    {
        _options = options;
        _locks = locks;
        _connections = connections;
        _log = log;
    }

    /// <summary>Set before the process re-executes itself: connection ends then release nothing.</summary>
    public bool HandingOver { get; set; }

    public Socket? ListeningSocketHandle => _listener;

    public bool OwnsSocketPath => _ownsPath;

    /// <summary>Adopts sockets inherited across a restart in place instead of binding.</summary>
    public void Adopt(Socket listener, IEnumerable<(Socket Socket, ClientSession Session)> clients, bool ownsSocketPath)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _listener = listener;
        _ownsPath = ownsSocketPath;
        foreach (var (socket, session) in clients)
        {
            _connections.Add(socket, session);
            Track(Task.Run(() => ServeAsync(socket, session, CancellationToken.None), CancellationToken.None));
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_listener is null)
        {
            _listener = ListeningSocket.FromSystemd();
            if (_listener is not null)
            {
                LockdLog.SocketActivated(_log, 3);
            }
            else
            {
                _listener = ListeningSocket.Bind(_options.SocketPath, _ourUid, (int)Native.LibC.GetGid(), m => _log.LogWarning("{Message}", m));
                _ownsPath = true;
                LockdLog.Listening(_log, _options.SocketPath);
            }
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
                LockdLog.BadClient(_log, -1, e.Message);
                await Task.Delay(10, stoppingToken).ConfigureAwait(false);
                continue;
            }

            var peer = PeerCredentials.Of(accepted);
            if (peer.Uid != 0 && peer.Uid != _ourUid)
            {
                LockdLog.ClientRefused(_log, peer.Pid, peer.Uid);
                accepted.Dispose();
                continue;
            }

            var session = new ClientSession(peer.Pid, peer.Uid);
            _connections.Add(accepted, session);
            Track(Task.Run(() => ServeAsync(accepted, session, stoppingToken), CancellationToken.None));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (HandingOver)
        {
            return;
        }

        _listener?.Dispose();
        if (_ownsPath)
        {
            try
            {
                File.Delete(_options.SocketPath);
            }
            catch (IOException)
            {
            }
        }

        foreach (var (socket, _) in _connections.Snapshot())
        {
            socket.Dispose();
        }

        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAny(Task.WhenAll(running), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
    }

    private void Track(Task task)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private async Task ServeAsync(Socket socket, ClientSession session, CancellationToken stopping)
    {
        try
        {
            while (await FrameIo.ReadBodyAsync(socket, stopping).ConfigureAwait(false) is { } body)
            {
                var reply = Handle(session, LockdWire.DecodeRequest(body));
                await FrameIo.WriteAsync(socket, LockdWire.Encode(reply), stopping).ConfigureAwait(false);
            }
        }
        catch (LockdProtocolException e)
        {
            LockdLog.BadClient(_log, session.PeerPid, e.Message);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            if (!HandingOver)
            {
                _connections.Remove(socket);
                _locks.ConnectionClosed(session);
                socket.Dispose();
            }
        }
    }

    private LockdReply Handle(ClientSession session, LockdRequest request)
    {
        try
        {
            switch (request.Op)
            {
                case LockdOp.Register:
                    _locks.Register(session, request.Pid);
                    return LockdReply.Ok();
                case LockdOp.Acquire:
                    return LockdReply.Ok(_locks.Acquire(session, request.Disks));
                case LockdOp.Release:
                    _locks.Release(session, request.Disks);
                    return LockdReply.Ok();
                default:
                    return LockdReply.Ok(_locks.Inquire(session));
            }
        }
        catch (LibvirtException e)
        {
            return LockdReply.Failed(e);
        }
    }
}
