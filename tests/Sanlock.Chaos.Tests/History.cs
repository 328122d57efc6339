namespace Sanlock.Chaos.Tests;

/// <summary>Builds hand-made histories: times in ms from 0.</summary>
internal sealed class History
{
    private readonly List<ChaosEvent> _events = [];

    public IReadOnlyList<ChaosEvent> Events => _events;

    public History Acquire(long t, int host, int pid, int disk, long lver, bool exclusive = true) =>
        Add(new ChaosEvent(t, EventKind.Acquired, host, pid, disk, exclusive ? "EX" : "SH", lver));

    /// <summary>An exclusive acquisition whose leader, read right after the grant, names generation
    /// <paramref name="leaderGeneration"/> of the holder's host while its lockspace had <paramref name="lockspaceGeneration"/>.</summary>
    public History AcquireUnder(long t, int host, int pid, int disk, long lver, long leaderGeneration, long lockspaceGeneration) =>
        Add(new ChaosEvent(t, EventKind.Acquired, host, pid, disk, "EX", lver,
            Detail: $"generation={leaderGeneration} leader={host}/{leaderGeneration} lockspace_generation={lockspaceGeneration}"));

    public History RealHost(int host) => Add(new ChaosEvent(0, EventKind.Host, host, 0, Detail: "real"));

    public History Write(long t, int host, int pid, int disk, long lver, bool accepted = true, bool exclusive = true) =>
        Add(new ChaosEvent(t, EventKind.Write, host, pid, disk, exclusive ? "EX" : "SH", lver, accepted ? 0 : 1));

    public History Release(long t, int host, int pid, int disk) =>
        Add(new ChaosEvent(t, EventKind.Releasing, host, pid, disk));

    public History Exit(long t, int host, int pid) => Add(new ChaosEvent(t, EventKind.WorkerExit, host, pid));

    public History Fault(long t, int host, string kind) => Add(new ChaosEvent(t, EventKind.Fault, host, 0, Detail: kind));

    public History FaultEnd(long t, int host, string kind) => Add(new ChaosEvent(t, EventKind.FaultEnd, host, 0, Detail: kind));

    public History Refused(long t, int host, int pid, int code) => Add(new ChaosEvent(t, EventKind.Refused, host, pid, 0, "EX", Code: code));

    public History HeldAfterRun(long t, int host, int pid, int disk) => Add(new ChaosEvent(t, EventKind.HeldAfterRun, host, pid, disk));

    public History Add(ChaosEvent e)
    {
        _events.Add(e);
        return this;
    }

    public CheckResult Check() => Checker.Check(_events, new CheckerSettings(IoTimeoutSeconds: 1));
}
