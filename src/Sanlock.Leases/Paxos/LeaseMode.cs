namespace Sanlock.Leases.Paxos;

/// <summary>How a resource lease is held.</summary>
public enum LeaseMode
{
    Exclusive,
    Shared,
}
