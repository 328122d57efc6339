using System.Net.Sockets;
using Sanlock.Protocol;

namespace Sanlock.InteropTests.Daemon;

/// <summary>Bytes no real client sends: the daemon stays up, answers normal clients afterwards, and replies (or stays
/// silent) the way 3.8.5 does (§2.2).</summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly TimeSpan _silence = TimeSpan.FromMilliseconds(300);
    private readonly DaemonTestDir _dir = new();
    private readonly OurDaemon _daemon;

    public BadInputTests() => _daemon = OurDaemon.Start(_dir.RunDir);

    public void Dispose()
    {
        _daemon.Dispose();
        _dir.Dispose();
    }

    private string SocketPath => Path.Combine(_dir.RunDir, "sanlock.sock");

    private Socket Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
        socket.ReceiveTimeout = 5000;
        return socket;
    }

    private static byte[] Header(SmCommand command, uint length = SmHeader.Size, uint magic = SmHeader.SmMagic, uint version = 1, uint data = 0)
    {
        var bytes = new byte[SmHeader.Size];
        new SmHeader(magic, version, command, 0, length, 0, data, 0).Write(bytes);
        return bytes;
    }

    private static SmHeader? Receive(Socket socket, TimeSpan wait)
    {
        var buffer = new byte[SmHeader.Size];
        int got = 0;
        var deadline = DateTime.UtcNow + wait;
        while (got < buffer.Length)
        {
            int left = (int)(deadline - DateTime.UtcNow).TotalMicroseconds;
            if (left <= 0 || !socket.Poll(left, SelectMode.SelectRead))
            {
                return null;
            }
            int n = socket.Receive(buffer.AsSpan(got));
            if (n == 0)
            {
                return null;
            }
            got += n;
        }
        return SmHeader.Read(buffer);
    }

    private void AssertDaemonAnswersVersion()
    {
        Assert.False(_daemon.HasExited, "the daemon exited");
        using var socket = Connect();
        socket.Send(Header(SmCommand.Version));
        var reply = Receive(socket, TimeSpan.FromSeconds(5));
        Assert.NotNull(reply);
        Assert.Equal(SmHeader.DaemonVersion385, reply.Value.Data2);
    }

    [Fact]
    public void ShortHeaderThenClose_IsIgnored()
    {
        using (var socket = Connect())
        {
            socket.Send(Header(SmCommand.Version).AsSpan(0, 20));
        }
        AssertDaemonAnswersVersion();
    }

    [Fact]
    public void WrongMagic_GetsNoReply_AndTheNextHeaderOnTheConnectionIsServed()
    {
        using var socket = Connect();
        socket.Send(Header(SmCommand.Version, magic: 0xDEADBEEF));
        Assert.Null(Receive(socket, _silence));
        socket.Send(Header(SmCommand.Version));
        Assert.Equal(SmHeader.DaemonVersion385, Receive(socket, TimeSpan.FromSeconds(5))?.Data2);
    }

    [Fact]
    public void UnknownCommandAndNewerMajor_GetNoReply()
    {
        using var socket = Connect();
        socket.Send(Header((SmCommand)99));
        socket.Send(Header(SmCommand.Status, version: 0x00020000));
        Assert.Null(Receive(socket, _silence));
        AssertDaemonAnswersVersion();
    }

    [Fact]
    public void LengthOf4GiB_IsNotTrusted_StatusStillAnswersAndSetLvbIsRefused()
    {
        using (var socket = Connect())
        {
            socket.Send(Header(SmCommand.InqLockspace, length: uint.MaxValue));
            socket.Send(new byte[Protocol.Structs.SanlkLockspace.Size]);
            var inq = Receive(socket, TimeSpan.FromSeconds(5));
            Assert.Equal(-2, inq?.Result);
        }
        using (var socket = Connect())
        {
            socket.Send(Header(SmCommand.SetLvb, length: uint.MaxValue));
            Assert.Equal(-7, Receive(socket, TimeSpan.FromSeconds(5))?.Result);
        }
        AssertDaemonAnswersVersion();
    }

    [Fact]
    public void AcquireWithNineResourcesOrFiveDisks_IsRefused()
    {
        using var socket = Connect();
        socket.Send(Header(SmCommand.Acquire, data: 9));
        Assert.Equal(-7, Receive(socket, TimeSpan.FromSeconds(5))?.Result);
        var resource = new byte[Protocol.Structs.SanlkResource.Size];
        BitConverter.TryWriteBytes(resource.AsSpan(Protocol.Structs.SanlkResource.NumDisksOffset), 5u);
        socket.Send([.. Header(SmCommand.Acquire, length: 32 + 128, data: 1), .. resource]);
        Assert.Equal(-34, Receive(socket, TimeSpan.FromSeconds(5))?.Result);
    }

    [Fact]
    public void HalfAMessageThenStall_DoesNotBlockOtherClients()
    {
        using var stalled = Connect();
        stalled.Send(Header(SmCommand.AddLockspace, length: 32 + 1104));
        stalled.Send(new byte[100]);
        AssertDaemonAnswersVersion();
        Assert.Null(Receive(stalled, _silence));
    }

    [Fact]
    public void AThousandConnectionsAtOnce_AreAcceptedAndTheDaemonStillAnswers()
    {
        var sockets = new List<Socket>();
        try
        {
            for (int i = 0; i < 1000; i++)
            {
                var socket = Connect();
                socket.Send(Header(SmCommand.Version).AsSpan(0, 7));
                sockets.Add(socket);
            }
            Assert.False(_daemon.HasExited);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
        AssertDaemonAnswersVersion();
    }

    [Fact]
    public void RandomBytes_DoNotCrashTheDaemon()
    {
        var random = new Random(20261123);
        for (int round = 0; round < 20; round++)
        {
            using var socket = Connect();
            var noise = new byte[random.Next(1, 70000)];
            random.NextBytes(noise);
            if (round % 2 == 0)
            {
                Header(SmCommand.Acquire).CopyTo(noise, 0);
            }
            try
            {
                socket.Send(noise);
            }
            catch (SocketException)
            {
                // The daemon may close a connection it has finished with (e.g. after STATUS).
            }
        }
        AssertDaemonAnswersVersion();
    }
}
