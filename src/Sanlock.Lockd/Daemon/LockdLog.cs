using Microsoft.Extensions.Logging;

namespace Sanlock.Lockd.Daemon;

/// <summary>The lockd daemon's log messages, with stable event ids.</summary>
internal static partial class LockdLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "lockd listening on {Path}")]
    public static partial void Listening(ILogger logger, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "lockd took the socket systemd passed (fd {Fd})")]
    public static partial void SocketActivated(ILogger logger, int fd);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "pid {Pid} registered by pid {PeerPid} (attached {Attached})")]
    public static partial void Registered(ILogger logger, int pid, int peerPid, bool attached);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "owner {Pid} acquired {Path} (shared {Shared})")]
    public static partial void Acquired(ILogger logger, int pid, string path, bool shared);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "owner {Pid} released {Path}")]
    public static partial void Released(ILogger logger, int pid, string path);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "released {Count} locks of owner {Pid}: {Reason}")]
    public static partial void ReleasedAll(ILogger logger, int pid, int count, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "owner {Pid} closed its lockd connection while running: sent SIGTERM")]
    public static partial void KilledOwner(ILogger logger, int pid);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "refused client pid {Pid} uid {Uid}: not root and not our uid")]
    public static partial void ClientRefused(ILogger logger, int pid, int uid);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "dropped client pid {Pid}: {Reason}")]
    public static partial void BadClient(ILogger logger, int pid, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "idle for {Seconds} s with no locks and no clients: exiting")]
    public static partial void IdleExit(ILogger logger, int seconds);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "SIGUSR1: re-executing with {Locks} locks and {Clients} clients kept")]
    public static partial void Restarting(ILogger logger, int locks, int clients);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "restart in place failed ({Error}); carrying on")]
    public static partial void RestartFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "restarted in place: took over {Locks} locks and {Clients} clients")]
    public static partial void Restored(ILogger logger, int locks, int clients);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void Warning(ILogger logger, string message);
}
