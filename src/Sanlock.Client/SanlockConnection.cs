using System.Net.Sockets;
using Sanlock.Protocol;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Requests;

namespace Sanlock.Client;

/// <summary>One connection to the daemon's UNIX socket: sends requests (with a per-connection sequence number that
/// the daemon echoes) and reads replies bounded by the protocol caps.</summary>
/// <remarks>sanlock-wire-protocol.md §1 (transport), §2 (header), §7 (client behaviour). Failures to connect or a
/// short read surface as <see cref="SocketException"/> / <see cref="SanlockProtocolException"/>; callers that mimic
/// the real CLI turn them into −errno results (see <see cref="SanlockClient"/>).</remarks>
public sealed class SanlockConnection : IDisposable
{
    private readonly Socket _socket;
    private uint _seq;

    private SanlockConnection(Socket socket) => _socket = socket;

    public string SocketPath { get; private init; } = string.Empty;

    /// <summary>The underlying socket (e.g. to hand a registered connection to a child process).</summary>
    public Socket Socket => _socket;

    public static SanlockConnection Open(string? socketPath = null)
    {
        string path = socketPath ?? SanlockSocketPath.Default;
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new SanlockConnection(socket) { SocketPath = path };
    }

    /// <summary>Sends one request; returns the header as sent.</summary>
    public SmHeader Send(SmCommand command, RequestBody body, uint cmdFlags = 0, uint data = 0, uint data2 = 0)
    {
        int bodyLength = RequestCodec.GetEncodedLength(body);
        var message = new byte[SmHeader.Size + bodyLength];
        SmHeader header = SmHeader.ForRequest(command, bodyLength, cmdFlags, data, data2) with { Seq = ++_seq };
        header.Write(message);
        RequestCodec.Encode(body, message.AsSpan(SmHeader.Size));
        int sent = 0;
        while (sent < message.Length)
        {
            sent += _socket.Send(message, sent, message.Length - sent, SocketFlags.None);
        }
        return header;
    }

    /// <summary>Reads the reply to <paramref name="request"/>: header, then the payload the command implies.</summary>
    public SanlockReply Receive(in SmHeader request)
    {
        var headerBytes = new byte[SmHeader.Size];
        ReadExactly(headerBytes, "reply header");
        SmHeader reply = SmHeader.Read(headerBytes);
        if (reply.Magic != SmHeader.SmMagic)
        {
            throw new SanlockProtocolException($"reply to {request.Command} has magic 0x{reply.Magic:x8}, expected 0x{SmHeader.SmMagic:x8}");
        }
        int length = ReplyCodec.GetPayloadLength(request.Command, reply);
        byte[] payload = length == ReplyCodec.UntilEof ? ReadToEnd(ProtocolLimits.MaxRecordStream) : new byte[length];
        if (length > 0)
        {
            ReadExactly(payload, $"{request.Command} reply payload");
        }
        return new SanlockReply(request.Command, reply, ReplyCodec.DecodePayload(request.Command, reply, payload));
    }

    public SanlockReply Execute(SmCommand command, RequestBody body, uint cmdFlags = 0, uint data = 0, uint data2 = 0)
    {
        SmHeader request = Send(command, body, cmdFlags, data, data2);
        return Receive(request);
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes; EOF first is a protocol error.</summary>
    public void ReadExactly(Span<byte> buffer, string what)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = _socket.Receive(buffer[read..], SocketFlags.None);
            if (n == 0)
            {
                throw new SanlockProtocolException($"{what}: the daemon closed the connection after {read} of {buffer.Length} bytes");
            }
            read += n;
        }
    }

    private byte[] ReadToEnd(int cap)
    {
        using var stream = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        while ((n = _socket.Receive(chunk, SocketFlags.None)) > 0)
        {
            if (stream.Length + n > cap)
            {
                throw new SanlockProtocolException($"reply records exceed {cap} bytes");
            }
            stream.Write(chunk, 0, n);
        }
        return stream.ToArray();
    }

    public void Dispose() => _socket.Dispose();
}
