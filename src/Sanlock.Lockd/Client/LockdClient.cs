using System.Net.Sockets;
using Sanlock.Libvirt;
using Sanlock.Lockd.Protocol;

namespace Sanlock.Lockd.Client;

/// <summary>
/// A connection to the lockd daemon (PROTOCOL.md). Register a pid first; the locks then belong to that pid. When the
/// registered pid is this process (or the process it execs into, keeping <see cref="SocketFd"/> open), the locks last
/// until the connection closes; otherwise until that pid exits or releases them.
/// </summary>
public sealed class LockdClient : IDisposable
{
    private readonly Socket _socket;

    private LockdClient(Socket socket, string path)
    {
        _socket = socket;
        SocketPath = path;
    }

    public string SocketPath { get; }

    /// <summary>The connection's fd, to keep open across exec.</summary>
    public int SocketFd => (int)_socket.SafeHandle.DangerousGetHandle();

    /// <param name="socketPath">Defaults to <see cref="LockdPaths.Socket"/>.</param>
    /// <param name="spawn">Starts a daemon when none listens (see <see cref="LockdSpawner"/>); null never spawns.</param>
    /// <exception cref="LibvirtException"><c>Failed to connect socket to '…': …</c>.</exception>
    public static LockdClient Connect(string? socketPath = null, LockdSpawner? spawn = null)
    {
        string path = socketPath ?? LockdPaths.Socket;
        var socket = TryConnect(path, out SocketError error);
        if (socket is null && spawn is not null && error is SocketError.AddressNotAvailable or SocketError.ConnectionRefused)
        {
            spawn.Start(path);
            socket = TryConnect(path, out error);
        }

        return socket is null
            ? throw new LibvirtException(LibvirtErrorCode.SystemError, $"Failed to connect socket to '{path}': {Describe(error)}")
            : new LockdClient(socket, path);
    }

    internal static Socket? TryConnect(string path, out SocketError error)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            error = SocketError.Success;
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            error = e.SocketErrorCode;
            return null;
        }
    }

    public void Register(int pid) => Call(LockdRequest.Register(pid));

    /// <summary>Locks every disk, or none. Returns every lock the owner now holds.</summary>
    public IReadOnlyList<LockInfo> Acquire(IReadOnlyList<DiskRequest> disks) => Call(LockdRequest.Acquire(disks)).Locks;

    public void Release(IReadOnlyList<DiskRequest> disks) => Call(LockdRequest.Release(disks));

    public IReadOnlyList<LockInfo> Inquire() => Call(LockdRequest.Inquire()).Locks;

    public void Dispose() => _socket.Dispose();

    private static string Describe(SocketError error) => error switch
    {
        SocketError.AddressNotAvailable => "No such file or directory",
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.AccessDenied => "Permission denied",
        _ => error.ToString(),
    };

    private LockdReply Call(LockdRequest request)
    {
        try
        {
            FrameIo.WriteAsync(_socket, LockdWire.Encode(request), CancellationToken.None).GetAwaiter().GetResult();
            byte[] body = FrameIo.ReadBodyAsync(_socket, CancellationToken.None).GetAwaiter().GetResult()
                ?? throw new LockdProtocolException("the daemon closed the connection");
            return LockdWire.DecodeReply(body).ThrowIfFailed();
        }
        catch (Exception e) when (e is SocketException or IOException or LockdProtocolException)
        {
            throw new LibvirtException(LibvirtErrorCode.SystemError, $"lockd daemon at '{SocketPath}': {e.Message}");
        }
    }
}
