using System.Buffers;
using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Requests;
using Sanlock.Protocol.Structs;

namespace Sanlock.UnitTests.Protocol;

/// <summary>One decoded message of a capture.</summary>
public sealed record ReplayedMessage(WireDirection Direction, SmHeader Header, object Body, byte[] Original, byte[]? Reencoded);

/// <summary>Decodes every message of a captured connection with our codecs — requests through the
/// <see cref="RequestFrameReader"/>, replies through <see cref="ReplyCodec"/> by the command they answer — and
/// re-encodes each one. Throws with the connection and offset when anything does not decode.</summary>
public static class WireReplay
{
    /// <summary>The 4-byte value 1 a client writes into its event fd before END_EVENT (§4.31).</summary>
    private static readonly byte[] _endEventMarker = [1, 0, 0, 0];

    public static List<ReplayedMessage> Replay(WireConnection connection)
    {
        var messages = new List<ReplayedMessage>();
        List<RequestFrame> frames = ReadRequests(connection, messages);
        ReadReplies(connection, frames, messages);
        return messages;
    }

    /// <summary>Feeds the client's bytes as a multi-segment sequence split where the capture's segments were.</summary>
    private static List<RequestFrame> ReadRequests(WireConnection connection, List<ReplayedMessage> messages)
    {
        byte[] all = connection.Bytes(WireDirection.ClientToDaemon);
        ReadOnlySequence<byte> buffer = SequenceOf(connection.SegmentsOf(WireDirection.ClientToDaemon).ToList());
        var frames = new List<RequestFrame>();
        long position = 0;
        while (RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame))
        {
            int frameLength = SmHeader.Size + (int)frame.Body.Length;
            byte[] original = all.AsSpan((int)position, frameLength).ToArray();
            position += frameLength;
            frames.Add(frame);
            if (frame.Kind == RequestFrameKind.Request)
            {
                RequestBody body = frame.DecodeBody();
                var again = new byte[SmHeader.Size + RequestCodec.GetEncodedLength(body)];
                frame.Header.Write(again);
                RequestCodec.Encode(body, again.AsSpan(SmHeader.Size));
                messages.Add(new ReplayedMessage(WireDirection.ClientToDaemon, frame.Header, body, original, again));
            }
            else
            {
                var again = new byte[SmHeader.Size];
                frame.Header.Write(again);
                messages.Add(new ReplayedMessage(WireDirection.ClientToDaemon, frame.Header, frame.Kind, original, frame.Kind == RequestFrameKind.Ignored ? again : null));
            }
        }
        byte[] rest = buffer.ToArray();
        bool afterRegEvent = frames.Count > 0 && frames[^1].Header.Command == SmCommand.RegEvent;
        if (rest.Length > 0 && !(afterRegEvent && rest.AsSpan().SequenceEqual(_endEventMarker)))
        {
            throw new InvalidOperationException($"{connection}: {rest.Length} client bytes at offset {position} form no complete request");
        }
        return frames;
    }

    private static void ReadReplies(WireConnection connection, List<RequestFrame> frames, List<ReplayedMessage> messages)
    {
        byte[] daemon = connection.Bytes(WireDirection.DaemonToClient);
        int at = 0;
        bool restricted = false;
        foreach (RequestFrame frame in frames)
        {
            if (!ExpectsReply(frame, restricted))
            {
                continue;
            }
            if (frame.Header.Command == SmCommand.Restrict)
            {
                restricted = (frame.Header.CmdFlags & CommandFlags.RestrictAll) != 0;
            }
            if (at == daemon.Length)
            {
                // The capture ends before this reply (e.g. SHUTDOWN_WAIT still waiting, or a client that gave up).
                break;
            }
            if (daemon.Length - at < SmHeader.Size)
            {
                throw new InvalidOperationException($"{connection}: {daemon.Length - at} daemon bytes at offset {at} are not a header");
            }
            SmHeader reply = SmHeader.Read(daemon.AsSpan(at));
            CheckReplyHeader(connection, frame.Header, reply, at);
            int length = ReplyCodec.GetPayloadLength(frame.Header.Command, reply);
            int available = daemon.Length - at - SmHeader.Size;
            if (length == ReplyCodec.UntilEof)
            {
                length = available;
            }
            if (connection.DaemonTruncated && length > available)
            {
                // The capture cut this payload (wire-log_dump.hex): the header and the claimed size are all there is.
                if (length != available + connection.OmittedDaemonBytes)
                {
                    throw new InvalidOperationException($"{connection}: payload claims {length} bytes, capture has {available} + {connection.OmittedDaemonBytes} omitted");
                }
                messages.Add(new ReplayedMessage(WireDirection.DaemonToClient, reply, EmptyReply.Instance, daemon[at..], null));
                at = daemon.Length;
                break;
            }
            if (length > available)
            {
                throw new InvalidOperationException($"{connection}: reply at {at} claims {length} payload bytes, {available} present");
            }
            ReadOnlySpan<byte> payload = daemon.AsSpan(at + SmHeader.Size, length);
            ReplyBody body = ReplyCodec.DecodePayload(frame.Header.Command, reply, payload);
            var again = new byte[SmHeader.Size + ReplyCodec.GetEncodedLength(body)];
            reply.Write(again);
            ReplyCodec.EncodePayload(body, again.AsSpan(SmHeader.Size));
            messages.Add(new ReplayedMessage(WireDirection.DaemonToClient, reply, body, daemon.AsSpan(at, SmHeader.Size + length).ToArray(), again));
            at += SmHeader.Size + length;

            if (frame.Header.Command == SmCommand.RegEvent)
            {
                while (daemon.Length - at >= EventCallback.Size)
                {
                    EventCallback callback = EventCallback.Read(daemon.AsSpan(at, EventCallback.Size));
                    var bytes = new byte[EventCallback.Size];
                    callback.Write(bytes);
                    messages.Add(new ReplayedMessage(WireDirection.DaemonToClient, callback.Header, callback, daemon.AsSpan(at, EventCallback.Size).ToArray(), bytes));
                    at += EventCallback.Size;
                }
            }
        }
        if (at != daemon.Length)
        {
            throw new InvalidOperationException($"{connection}: {daemon.Length - at} daemon bytes at offset {at} answer no request");
        }
    }

    /// <summary>§2.2, §4.2, §4.6, §1.6: REGISTER and SHUTDOWN get no reply, nor ignored frames, nor anything on a
    /// connection restricted with RESTRICT_ALL.</summary>
    private static bool ExpectsReply(RequestFrame frame, bool restricted) =>
        frame.Kind != RequestFrameKind.Ignored
        && !restricted
        && frame.Header.Command is not (SmCommand.Register or SmCommand.Shutdown);

    private static void CheckReplyHeader(WireConnection connection, SmHeader request, SmHeader reply, int at)
    {
        bool shutdownDone = request.Command == SmCommand.ShutdownWait && reply.Command == SmCommand.ShutdownComplete;
        if (reply.Magic != SmHeader.SmMagic || reply.Version != SmHeader.ProtocolVersion
            || (reply.Command != request.Command && !shutdownDone))
        {
            throw new InvalidOperationException($"{connection}: reply at {at} ({reply}) does not answer {request}");
        }
    }

    public static ReadOnlySequence<byte> SequenceOf(IReadOnlyList<byte[]> segments)
    {
        if (segments.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }
        var first = new Chunk(segments[0], 0);
        Chunk last = first;
        for (int i = 1; i < segments.Count; i++)
        {
            last = last.Append(segments[i]);
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Chunk Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Chunk(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
