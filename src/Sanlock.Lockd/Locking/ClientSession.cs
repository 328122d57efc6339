namespace Sanlock.Lockd.Locking;

/// <summary>
/// One client connection's registration (spec §6.4). A connection that registers its own pid is <em>attached</em>:
/// the owner's locks go when that connection closes (the <c>lockd run</c> case, like QEMU's inherited socket). A
/// connection that registers another pid only drives that owner; closing it releases nothing.
/// </summary>
public sealed class ClientSession
{
    public ClientSession(int peerPid, int peerUid)
    {
        PeerPid = peerPid;
        PeerUid = peerUid;
    }

    public int PeerPid { get; }

    public int PeerUid { get; }

    public int? OwnerPid { get; private set; }

    public bool Attached => OwnerPid is { } pid && pid == PeerPid;

    /// <exception cref="InvalidOperationException">a second registration on the same connection.</exception>
    public void Register(int ownerPid)
    {
        if (OwnerPid is not null)
        {
            throw new InvalidOperationException($"this connection already registered pid {OwnerPid}");
        }

        OwnerPid = ownerPid;
    }

    /// <summary>The owner whose locks must all go now that this connection closed, if any.</summary>
    public int? OwnerToReleaseOnClose => Attached ? OwnerPid : null;
}
