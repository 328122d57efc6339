using Sanlock.Daemon.Clients;
using Sanlock.Leases.Paxos;

namespace Sanlock.Daemon.Resources;

/// <summary>One holder's hold on one resource: what STATUS lists as an <c>r</c> line and INQUIRE as a resource string.</summary>
public sealed class Token
{
    private static int _nextId;

    public Token(ResourceEntry resource, ClientState? holder, LeaseMode mode, bool persistent, bool lvb)
    {
        Resource = resource;
        Holder = holder;
        Mode = mode;
        Persistent = persistent;
        Lvb = lvb;
        Id = Interlocked.Increment(ref _nextId);
    }

    public int Id { get; }

    public ResourceEntry Resource { get; }

    /// <summary>The client holding it, or null for an orphan.</summary>
    public ClientState? Holder { get; set; }

    /// <summary>The pid that last held it (orphans keep showing it).</summary>
    public int LastPid { get; set; }

    public LeaseMode Mode { get; set; }

    public bool Persistent { get; set; }

    public bool Lvb { get; set; }
}
