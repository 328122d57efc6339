namespace Sanlock.Leases.Delta;

/// <summary>What an observer concludes about another host from its delta lease (sanlock-disk-format.md §6.4).</summary>
public enum HostState
{
    /// <summary>Never examined by this observer.</summary>
    Unchecked,

    /// <summary>Slot timestamp 0.</summary>
    Free,

    /// <summary>Examined, but no renewal seen yet and not long enough to judge.</summary>
    Unknown,

    /// <summary>Seen renewing within 8·T.</summary>
    Live,

    /// <summary>No renewal for more than 8·T but not yet 8·T + W.</summary>
    Fail,

    /// <summary>No renewal for more than 8·T + W: its watchdog has certainly reset it.</summary>
    Dead,
}
