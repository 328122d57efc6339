namespace Sanlock.Libvirt.SanlockPlugin;

/// <summary>What to do after one attempt to join <c>__LIBVIRT__DISKS__</c> (spec libvirt §3.2 step 4).</summary>
public enum JoinStep
{
    /// <summary>Joined, or already joined (EEXIST).</summary>
    Joined,

    /// <summary>Another join or leave is in progress: wait for the lockspace to change state, then try again.</summary>
    WaitAndRetry,

    /// <summary>Give up with <see cref="SanlockPluginMessages.AddLockspaceFailed"/>.</summary>
    Failed,
}

public static class LockspaceJoinPolicy
{
    /// <summary>libvirt makes at most this many join attempts in total.</summary>
    public const int MaxAttempts = 10;

    private const int EEXIST = 17;
    private const int EINPROGRESS = 115;

    /// <summary>Decides after attempt number <paramref name="attempt"/> (from 1) returned <paramref name="result"/>.</summary>
    public static JoinStep Next(int result, int attempt) => result switch
    {
        0 or -EEXIST => JoinStep.Joined,
        -EINPROGRESS when attempt < MaxAttempts => JoinStep.WaitAndRetry,
        _ => JoinStep.Failed,
    };
}
