using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Sanlock.UnitTests.Protocol;

namespace Sanlock.InteropTests.Daemon.Replay;

/// <summary>Sends the client side of captured connections to a running daemon, segment by segment in the captured
/// order, and compares each daemon segment with the captured one (<see cref="ReplyMask"/> aside). The capture's lease
/// directory is rewritten to a directory of the same length, and the pids of captured clients to live ones.</summary>
public sealed class CaptureReplayer(string socketPath, string leaseDir)
{
    public const string CapturedLeaseDir = "/tmp/wire/leases/";
    private static readonly TimeSpan ReplyLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SilenceWait = TimeSpan.FromMilliseconds(700);

    private readonly byte[] _capturedDir = Encoding.ASCII.GetBytes(CapturedLeaseDir);
    private readonly byte[] _ourDir = Encoding.ASCII.GetBytes(leaseDir.EndsWith('/') ? leaseDir : leaseDir + "/");

    /// <summary>Captured pid → the live pid to put in its place (data2 of pid-targeted requests).</summary>
    public Dictionary<uint, uint> Pids { get; } = [];

    public StringBuilder Differences { get; } = new();

    public int RepliesCompared { get; private set; }

    public static WireCapture Load(string name) =>
        WireCapture.Load(Path.Combine(Tools.RepoRoot(), "..", "shared", "spec", "vectors", name));

    /// <summary>Replays connection <paramref name="number"/> of <paramref name="capture"/> and closes it.</summary>
    public void Replay(WireCapture capture, int number)
    {
        using Socket socket = Open(capture, number);
        if (socket.Connected)
        {
            Finish(socket, capture.Connections.Single(c => c.Number == number), capture.Name);
        }
    }

    /// <summary>Replays a connection and leaves it open (a registered holder whose leases live as long as it).</summary>
    public Socket ReplayAndKeepOpen(WireCapture capture, int number) => Open(capture, number);

    private Socket Open(WireCapture capture, int number)
    {
        WireConnection connection = capture.Connections.Single(c => c.Number == number);
        string where = $"{capture.Name} conn {number}";
        if (_ourDir.Length != _capturedDir.Length)
        {
            throw new InvalidOperationException($"lease dir {Encoding.ASCII.GetString(_ourDir)} must have the length of {CapturedLeaseDir}");
        }
        if (connection.DaemonTruncated)
        {
            throw new InvalidOperationException($"{where}: the daemon's bytes were cut in the capture, nothing to compare");
        }
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        {
            ReceiveTimeout = (int)ReplyLimit.TotalMilliseconds,
        };
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        int replyIndex = 0;
        foreach (WireSegment segment in connection.Segments)
        {
            if (segment.Direction == WireDirection.ClientToDaemon)
            {
                socket.Send(RewriteRequests(segment.Bytes));
                continue;
            }
            replyIndex++;
            byte[] expected = Rewrite(segment.Bytes);
            byte[] actual = ReceiveUpTo(socket, expected.Length);
            RepliesCompared++;
            Compare($"{where} reply {replyIndex}", expected, actual);
        }
        return socket;
    }

    private void Finish(Socket socket, WireConnection connection, string captureName)
    {
        string where = $"{captureName} conn {connection.Number}";
        bool lastIsRequest = connection.Segments.Count > 0 && connection.Segments[^1].Direction == WireDirection.ClientToDaemon;
        if (connection.ClosedFirstBy == WireDirection.DaemonToClient)
        {
            socket.ReceiveTimeout = 5000;
            byte[] rest = ReceiveUpTo(socket, 1);
            if (rest.Length != 0)
            {
                Differences.AppendLine($"{where}: the real daemon closed the connection here; ours sent more bytes");
            }
        }
        else if (lastIsRequest)
        {
            // The real daemon did not answer the last request (the client gave up and closed): neither may ours.
            socket.ReceiveTimeout = (int)SilenceWait.TotalMilliseconds;
            byte[] rest = ReceiveUpTo(socket, 1, stopOnTimeout: true);
            if (rest.Length != 0)
            {
                Differences.AppendLine($"{where}: the real daemon did not answer the last request; ours did");
            }
        }
    }

    private void Compare(string where, byte[] expected, byte[] actual)
    {
        if (actual.Length != expected.Length)
        {
            Differences.AppendLine($"{where}: expected {expected.Length} bytes, got {actual.Length}: {Convert.ToHexString(actual.AsSpan(0, Math.Min(actual.Length, 64)))}");
            return;
        }
        var masked = new bool[expected.Length];
        foreach (var (offset, length, _) in ReplyMask.For(expected))
        {
            Array.Fill(masked, true, offset, length);
        }
        for (int i = 0; i < expected.Length; i++)
        {
            if (!masked[i] && expected[i] != actual[i])
            {
                int from = i & ~15;
                int to = Math.Min(expected.Length, from + 32);
                Differences.AppendLine($"{where}: byte 0x{i:x} differs; captured {Convert.ToHexString(expected[from..to])}, ours {Convert.ToHexString(actual[from..to])} (from 0x{from:x})");
                return;
            }
        }
    }

    /// <summary>Path rewrite plus, for commands that act on behalf of a pid (ACQUIRE, RELEASE, INQUIRE, CONVERT), the
    /// captured pid in data2 replaced by the live one. A segment may hold several requests.</summary>
    private byte[] RewriteRequests(byte[] captured)
    {
        byte[] bytes = Rewrite(captured);
        int at = 0;
        while (at + 32 <= bytes.Length)
        {
            uint command = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 16));
            uint data2 = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 28));
            if (command is 7 or 8 or 9 or 27 && Pids.TryGetValue(data2, out uint live))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 28), live);
            }
            if (length < 32)
            {
                break;
            }
            at += (int)length;
        }
        return bytes;
    }

    private byte[] Rewrite(byte[] captured)
    {
        byte[] bytes = (byte[])captured.Clone();
        for (int i = bytes.AsSpan().IndexOf(_capturedDir); i >= 0;)
        {
            _ourDir.CopyTo(bytes, i);
            int next = bytes.AsSpan(i + 1).IndexOf(_capturedDir);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return bytes;
    }

    private static byte[] ReceiveUpTo(Socket socket, int count, bool stopOnTimeout = false)
    {
        var buffer = new byte[count];
        int read = 0;
        try
        {
            while (read < count)
            {
                int n = socket.Receive(buffer, read, count - read, SocketFlags.None);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock || stopOnTimeout)
        {
        }
        return buffer[..read];
    }
}
