namespace Sanlock.Lockd.Locking;

/// <summary>The result of removing one owner from one resource (spec §6.3, release rules).</summary>
public enum ReleaseOutcome
{
    /// <summary>No such resource in the table: <c>Lockspace resource '…' is not locked</c>.</summary>
    NotLocked,

    /// <summary>The resource is held, but not by this owner: <c>owner &lt;pid&gt; does not hold the resource lock</c>.</summary>
    NotOwner,

    /// <summary>The owner left; others still share it, so the kernel lock stays.</summary>
    OthersStillHold,

    /// <summary>The last owner left: the caller drops the kernel lock (and deletes an auto-created file).</summary>
    LastOwnerGone,
}
