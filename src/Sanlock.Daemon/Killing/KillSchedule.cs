namespace Sanlock.Daemon.Killing;

/// <summary>What to do to a lease holder of a lockspace that can no longer be renewed (§4.7.6), decided from times alone.</summary>
public enum KillAction
{
    RunKillPath,

    /// <summary>The kill path ran; give it until the grace ends.</summary>
    Wait,
    Sigterm,
    Sigkill,
}

/// <summary>The 3.8.5 schedule: until last renewal + 8T + kill_grace_seconds, run the kill path once (if the client set
/// one and the grace is not 0) and wait, else SIGTERM each step; after that SIGKILL. One step per second, at most 100 steps.</summary>
public static class KillSchedule
{
    public const int MaxSteps = 100;

    public static readonly TimeSpan StepInterval = TimeSpan.FromSeconds(1);

    public static KillAction Next(TimeSpan now, TimeSpan lastRenewal, TimeSpan renewalFail, int killGraceSeconds, bool hasKillPath, bool killPathRan)
    {
        var graceEnd = lastRenewal + renewalFail + TimeSpan.FromSeconds(killGraceSeconds);
        if (killGraceSeconds > 0 && now < graceEnd)
        {
            return hasKillPath ? (killPathRan ? KillAction.Wait : KillAction.RunKillPath) : KillAction.Sigterm;
        }
        return KillAction.Sigkill;
    }
}
