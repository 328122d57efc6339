using System.Net.Sockets;

namespace Sanlock.Daemon.Clients;

/// <summary>The daemon's client slots: slot 0 is the helper, 1 the listener (as in 3.8.5's status), then connections.</summary>
public sealed class ClientRegistry
{
    /// <summary>3.8.5 has 1024 slots including the listener and the helper pipe.</summary>
    public const int MaxSlots = 1024;

    private readonly object _gate = new();
    private readonly ClientState?[] _slots = new ClientState?[MaxSlots];

    public ClientRegistry()
    {
        _slots[0] = new ClientState(0, null, -1, "helper");
        _slots[1] = new ClientState(1, null, -1, "listener");
    }

    /// <summary>Takes the lowest free slot, or null when all are in use.</summary>
    public ClientState? Add(Socket socket, int peerPid)
    {
        lock (_gate)
        {
            for (int i = 2; i < _slots.Length; i++)
            {
                if (_slots[i] is null)
                {
                    var client = new ClientState(i, socket, peerPid, $"cmd{i}");
                    _slots[i] = client;
                    return client;
                }
            }
        }
        return null;
    }

    public void Remove(ClientState client)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_slots[client.Slot], client))
            {
                _slots[client.Slot] = null;
            }
        }
    }

    /// <summary>The registered connection with this pid in the lowest slot (§1.4), or null.</summary>
    public ClientState? FindRegistered(int pid)
    {
        lock (_gate)
        {
            foreach (var client in _slots)
            {
                if (client is { Registered: true } && client.Pid == pid)
                {
                    return client;
                }
            }
        }
        return null;
    }

    public List<ClientState> Snapshot()
    {
        lock (_gate)
        {
            return _slots.Where(c => c is not null).Select(c => c!).ToList();
        }
    }
}
