using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Sanlock.Daemon.Commands;
using Sanlock.Daemon.Logging;
using Sanlock.Daemon.Native;
using Sanlock.Protocol;
using Sanlock.Protocol.Requests;

namespace Sanlock.Daemon.Clients;

/// <summary>One connection's frame loop (System.IO.Pipelines): delimit requests by command (never by header.length,
/// §1.2), run one at a time, reply, and on hang-up release what a registered client held (§1.4).</summary>
public sealed class ConnectionLoop
{
    private readonly SanlockDaemon _daemon;
    private readonly CommandHandler _handler;
    private readonly ILogger _log;

    public ConnectionLoop(SanlockDaemon daemon, CommandHandler handler, ILogger<ConnectionLoop> log)
    {
        _daemon = daemon;
        _handler = handler;
        _log = log;
    }

    public async Task RunAsync(Socket socket, CancellationToken stopping)
    {
        var peer = PeerCredentials.Of(socket);
        var client = _daemon.Clients.Add(socket, peer.Pid);
        if (client is null)
        {
            DaemonLog.SlotsFull(_log, ClientRegistry.MaxSlots);
            socket.Dispose();
            return;
        }
        bool keepSocket = false;
        var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 8192, minimumReadSize: 2048));
        try
        {
            keepSocket = await ReadFramesAsync(client, socket, reader, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            if (e is not OperationCanceledException && !IsPeerReset(e))
            {
                DaemonLog.ConnectionFailed(_log, client.Slot, e.Message);
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            await ClientGoneAsync(client).ConfigureAwait(false);
            if (!keepSocket)
            {
                socket.Dispose();
            }
        }
    }

    private static bool IsPeerReset(Exception e) =>
        (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown;

    /// <summary>Returns true when the socket was handed over as an event channel (REG_EVENT) and must stay open.</summary>
    private async Task<bool> ReadFramesAsync(ClientState client, Socket socket, PipeReader reader, CancellationToken stopping)
    {
        while (true)
        {
            ReadResult read = await reader.ReadAsync(stopping).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = read.Buffer;
            bool close = false;
            bool eventChannel = false;
            while (!close && RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame))
            {
                (close, eventChannel) = await HandleFrameAsync(client, socket, frame, stopping).ConfigureAwait(false);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (eventChannel)
            {
                return true;
            }
            if (close || read.IsCompleted || read.IsCanceled)
            {
                return false;
            }
        }
    }

    private async Task<(bool Close, bool EventChannel)> HandleFrameAsync(ClientState client, Socket socket, RequestFrame frame, CancellationToken stopping)
    {
        var header = frame.Header;
        switch (frame.Kind)
        {
            case RequestFrameKind.Ignored:
                return (false, false);
            case RequestFrameKind.Rejected:
                await SendAsync(socket, header.ToReply((int)frame.Rejection), [], stopping).ConfigureAwait(false);
                return (false, false);
        }
        if (header.Command == SmCommand.Version)
        {
            await SendAsync(socket, CommandHandler.VersionReply(), [], stopping).ConfigureAwait(false);
            return (false, false);
        }
        RequestBody body;
        try
        {
            body = frame.DecodeBody();
        }
        catch (SanlockProtocolException e)
        {
            DaemonLog.Malformed(_log, client.Slot, e.Message);
            return (false, false);
        }
        var reply = await _handler.HandleAsync(client, header, body, stopping).ConfigureAwait(false);
        if (reply.Send)
        {
            var replyHeader = header.ToReply(reply.Result, reply.LengthCountsPayload ? reply.Payload.Length : 0, reply.Data2);
            await SendAsync(socket, replyHeader, reply.Payload, stopping).ConfigureAwait(false);
        }
        bool eventChannel = header.Command == SmCommand.RegEvent && reply.Result == 0;
        return (reply.Close, eventChannel);
    }

    private static async Task SendAsync(Socket socket, SmHeader header, byte[] payload, CancellationToken stopping)
    {
        var message = new byte[SmHeader.Size + payload.Length];
        header.Write(message);
        payload.CopyTo(message, SmHeader.Size);
        int sent = 0;
        while (sent < message.Length)
        {
            sent += await socket.SendAsync(message.AsMemory(sent), SocketFlags.None, stopping).ConfigureAwait(false);
        }
    }

    /// <summary>Closing = death (§1.4): persistent leases become orphans, the others are released.</summary>
    private async Task ClientGoneAsync(ClientState client)
    {
        List<Resources.Token> tokens;
        lock (client.Gate)
        {
            client.PidDead = client.Registered;
            tokens = [.. client.Leases];
            client.Leases.Clear();
        }
        _daemon.Clients.Remove(client);
        foreach (var token in tokens)
        {
            await _daemon.Resources.DropHolderAsync(token).ConfigureAwait(false);
        }
    }
}
