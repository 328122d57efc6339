namespace Sanlock.Lockd.Locking;

/// <summary>
/// The registered owner pids with the start time each had when it registered, so that a pid that died and was reused
/// by another process is seen as dead (kill(pid, 0) alone would call it alive). Pure: the caller supplies the probe.
/// </summary>
public sealed class OwnerRegistry
{
    private readonly Dictionary<int, ulong> _startTimes = [];

    public IReadOnlyCollection<int> Pids => _startTimes.Keys;

    public bool Contains(int pid) => _startTimes.ContainsKey(pid);

    /// <returns><c>true</c> when an earlier owner with this pid but another start time (a dead process whose pid was
    /// reused) was replaced: its locks are stale and must be released.</returns>
    public bool Register(int pid, ulong startTime)
    {
        bool replaced = _startTimes.TryGetValue(pid, out ulong old) && old != startTime;
        _startTimes[pid] = startTime;
        return replaced;
    }

    public ulong? StartTimeOf(int pid) => _startTimes.TryGetValue(pid, out ulong start) ? start : null;

    public void Forget(int pid) => _startTimes.Remove(pid);

    /// <param name="startTimeOf">The current start time of a pid, or <c>null</c> when no such process exists.</param>
    /// <returns>The registered pids whose process is gone or is now another process.</returns>
    public IReadOnlyList<int> Dead(Func<int, ulong?> startTimeOf)
    {
        ArgumentNullException.ThrowIfNull(startTimeOf);
        return [.. _startTimes.Where(e => startTimeOf(e.Key) != e.Value).Select(e => e.Key).Order()];
    }
}
