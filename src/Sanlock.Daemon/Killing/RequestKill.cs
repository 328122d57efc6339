using Sanlock.OnDisk;

namespace Sanlock.Daemon.Killing;

/// <summary>What a request record asks for the local holders of a lease it applies to (disk-format §5.3, §7.9):
/// FORCE (1) ⇒ SIGKILL; GRACEFUL (2) ⇒ the holder's kill path when it registered one, else SIGTERM; anything else ⇒ nothing.
/// RESTRICT_SIGKILL / RESTRICT_SIGTERM substitutions are applied when the signal is sent (<see cref="Signals"/>).</summary>
public static class RequestKill
{
    public static KillAction? For(uint forceMode, bool hasKillPath) => forceMode switch
    {
        RequestRecord.ForceKill => KillAction.Sigkill,
        RequestRecord.ForceGraceful => hasKillPath ? KillAction.RunKillPath : KillAction.Sigterm,
        _ => null,
    };
}
