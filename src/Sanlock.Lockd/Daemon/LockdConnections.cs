using System.Net.Sockets;
using Sanlock.Lockd.Locking;

namespace Sanlock.Lockd.Daemon;

/// <summary>The open client connections, for the idle timeout and for handing sockets over on a restart in place.</summary>
public sealed class LockdConnections
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Socket, ClientSession> _open = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    public void Add(Socket socket, ClientSession session)
    {
        lock (_gate)
        {
            _open[socket] = session;
        }
    }

    public void Remove(Socket socket)
    {
        lock (_gate)
        {
            _open.Remove(socket);
        }
    }

    public IReadOnlyList<(Socket Socket, ClientSession Session)> Snapshot()
    {
        lock (_gate)
        {
            return [.. _open.Select(e => (e.Key, e.Value))];
        }
    }
}
