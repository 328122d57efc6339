namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>
/// Our fix for spec libvirt §3.3: a host that lost the exclusive create joins at once and, if the winner has not
/// finished formatting, libvirt 9.0.0 fails for good. We start the setup again (stat, create or repair, join) a
/// bounded number of times while the result says the lockspace is not on storage yet.
/// </summary>
public static class LockspaceRaceRetry
{
    /// <summary>Setups tried in all (the first one included).</summary>
    public const int MaxSetups = 10;

    /// <summary>Pause before the next setup, long enough for a creator to zero-fill and format 1 MiB.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    private const int ENOENT = 2;
    private const int ENODEV = 19;

    /// <summary>Whether <paramref name="result"/> of a join says the file is missing, short, blank or half written.</summary>
    public static bool StorageNotReady(int result) => result is
        -ENOENT or -ENODEV // the creator failed and unlinked it, or it vanished between stat and join
        or -220 // leader read error: shorter than a sector
        or -222 // read inconsistent
        or -223 // does not exist on storage: still zeros
        or -224 // unknown format version
        or -226 // lockspace name incorrect
        or -229; // checksum error: caught mid-write

    /// <summary>Whether setup number <paramref name="setup"/> (from 1), which did not create the file, may be followed by another.</summary>
    public static bool ShouldRetry(int result, bool createdByUs, int setup) =>
        !createdByUs && setup < MaxSetups && StorageNotReady(result);
}
