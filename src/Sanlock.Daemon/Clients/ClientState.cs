using System.Net.Sockets;
using Sanlock.Daemon.Resources;
using Sanlock.Protocol.Structs;

namespace Sanlock.Daemon.Clients;

/// <summary>One connection slot (§1.3): who is on the other end, whether it registered, and the leases it holds.</summary>
/// <remarks>Mutable fields are guarded by <see cref="Gate"/>; the lease list is only changed under it.</remarks>
public sealed class ClientState
{
    private int _commandActive;

    public ClientState(int slot, Socket? socket, int pid, string name)
    {
        Slot = slot;
        Socket = socket;
        PeerPid = pid;
        Name = name;
        Fd = socket is null ? -1 : (int)socket.Handle;
    }

    public object Gate { get; } = new();

    /// <summary>The slot number shown as <c>ci</c>.</summary>
    public int Slot { get; }

    public int Fd { get; }

    public Socket? Socket { get; }

    /// <summary>The pid from SO_PEERCRED (the process that connected), or −1 when unknown.</summary>
    public int PeerPid { get; }

    /// <summary>The pid recorded by REGISTER (−1 before).</summary>
    public int Pid { get; set; } = -1;

    public bool Registered { get; set; }

    /// <summary>Shown by STATUS as the client name: the command running, the pid, or the owner name.</summary>
    public string Name { get; set; }

    public uint Restricted { get; set; }

    public KillPath? KillPath { get; set; }

    public bool KillPathAppendPid { get; set; }

    public bool PidDead { get; set; }

    public int KillCount { get; set; }

    public long KillLast { get; set; }

    public int CommandLast { get; set; }

    public int CommandActive => Volatile.Read(ref _commandActive);

    public bool NeedFree { get; set; }

    public List<Token> Leases { get; } = [];

    /// <summary>Marks a registered-class command as running for this target; false when one already is (§1.5: −EBUSY).</summary>
    public bool TryBeginCommand(int command) => Interlocked.CompareExchange(ref _commandActive, command, 0) == 0;

    public void EndCommand()
    {
        CommandLast = Volatile.Read(ref _commandActive);
        Volatile.Write(ref _commandActive, 0);
    }

    public void BeginMainCommand(int command) => CommandLast = command;
}
