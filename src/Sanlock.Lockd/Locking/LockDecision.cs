namespace Sanlock.Lockd.Locking;

/// <summary>What the table says about an acquire request before any kernel call (spec §6.3, table state rules).</summary>
public enum LockDecision
{
    /// <summary>Nobody here holds it: open the file and take the fcntl lock, then <see cref="LockTable{THandle}.Add"/>.</summary>
    TakeKernelLock,

    /// <summary>Held shared here and asked shared: add the owner, no new fcntl (<see cref="LockTable{THandle}.JoinShared"/>).</summary>
    JoinShared,

    /// <summary>Held here in a conflicting mode, or already held by this very owner.</summary>
    Busy,
}
