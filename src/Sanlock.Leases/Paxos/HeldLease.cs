using Sanlock.OnDisk;

namespace Sanlock.Leases.Paxos;

/// <summary>
/// A resource lease this host holds: the fencing facts (lver and the owner generation it was acquired
/// with) and what a release needs (the committed leader, the winning ballot's dblock).
/// </summary>
public sealed record HeldLease(LeaseMode Mode, int HostId, ulong Generation, ulong Lver, Leader Leader, PaxosDblock Dblock)
{
    /// <summary>Fencing token: strictly increases with every successful ballot on this resource.</summary>
    public ulong FencingLver => Lver;
}
