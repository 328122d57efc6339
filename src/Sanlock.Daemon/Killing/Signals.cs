using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Native;
using Sanlock.Protocol.Flags;

namespace Sanlock.Daemon.Killing;

/// <summary>Which signal a client gets, after its RESTRICT_SIGKILL / RESTRICT_SIGTERM substitutions (§1.6, §4.7.6).</summary>
public static class Signals
{
    public const int Sigterm = LibC.SIGTERM;
    public const int Sigkill = LibC.SIGKILL;

    public static int For(uint restricted, int wanted) => wanted switch
    {
        Sigkill when (restricted & CommandFlags.RestrictSigkill) != 0 => Sigterm,
        Sigterm when (restricted & CommandFlags.RestrictSigterm) != 0 => Sigkill,
        _ => wanted,
    };

    /// <summary>Sends the (substituted) signal to a registered client's pid; false when the pid is gone.</summary>
    public static bool Send(ClientState client, int wanted)
    {
        if (client.Pid <= 0)
        {
            return false;
        }
        int signal = For(client.Restricted, wanted);
        client.KillCount++;
        client.KillLast = Environment.TickCount64 / 1000;
        return LibC.Kill(client.Pid, signal) == 0;
    }
}
