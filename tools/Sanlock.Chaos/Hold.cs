namespace Sanlock.Chaos;

/// <summary>One acquisition as its worker saw it: from the acquire reply to the first of releasing, SIGTERM, death,
/// losing the daemon, 8T after its host stopped renewing (paused or daemon killed), or its daemon's restart.</summary>
/// <remarks><see cref="WorkerEnd"/> is when the worker itself stopped holding (End before the fault clipped it).
/// <see cref="StaleIncarnation"/>: granted under an older generation of its host than the lockspace had then
/// (<see cref="GrantIncarnation"/>).</remarks>
public sealed record Hold(int Host, int Pid, int Disk, bool Exclusive, long Token, long Start, long End, long? FaultStart, long? FirstWrite, long WorkerEnd,
    bool StaleIncarnation = false)
{
    public bool ConflictsWith(Hold other) => other.Disk == Disk && other.Pid != Pid && (Exclusive || other.Exclusive);
}
