using Microsoft.Extensions.Logging;

namespace Sanlock.Daemon.Logging;

/// <summary>Every message the daemon logs, source-generated; event ids are stable (append, never renumber).</summary>
internal static partial class DaemonLog
{
    [LoggerMessage(1, LogLevel.Information, "sanlock daemon started (run dir {RunDir}, host name {HostName}, watchdog {Watchdog})")]
    public static partial void Started(ILogger logger, string runDir, string hostName, bool watchdog);

    [LoggerMessage(2, LogLevel.Information, "listening on {SocketPath}")]
    public static partial void Listening(ILogger logger, string socketPath);

    [LoggerMessage(3, LogLevel.Information, "using the listening socket passed by systemd (fd {Fd})")]
    public static partial void SocketActivated(ILogger logger, int fd);

    [LoggerMessage(10, LogLevel.Information, "lockspace {Space}: joining as host_id {HostId} on {Path}:{Offset} (io_timeout {IoTimeout})")]
    public static partial void JoinStarted(ILogger logger, string space, int hostId, string path, ulong offset, int ioTimeout);

    [LoggerMessage(11, LogLevel.Information, "lockspace {Space}: joined as host_id {HostId} generation {Generation}")]
    public static partial void Joined(ILogger logger, string space, int hostId, ulong generation);

    [LoggerMessage(12, LogLevel.Warning, "lockspace {Space}: join failed with {Result}: {Reason}")]
    public static partial void JoinFailed(ILogger logger, string space, int result, string reason);

    [LoggerMessage(13, LogLevel.Warning, "lockspace {Space}: renewal attempt failed")]
    public static partial void RenewalAttemptFailed(ILogger logger, string space);

    [LoggerMessage(14, LogLevel.Error, "lockspace {Space}: renewals failed ({Result}); its lease holders will be killed")]
    public static partial void RenewalFailed(ILogger logger, string space, int result);

    [LoggerMessage(15, LogLevel.Information, "lockspace {Space}: left")]
    public static partial void Left(ILogger logger, string space);

    [LoggerMessage(16, LogLevel.Warning, "lockspace {Space}: leaving failed: {Reason}")]
    public static partial void LeaveFailed(ILogger logger, string space, string reason);

    [LoggerMessage(20, LogLevel.Debug, "client {Slot} pid {Pid}: {Command} result {Result}")]
    public static partial void Command(ILogger logger, int slot, int pid, string command, int result);

    [LoggerMessage(21, LogLevel.Warning, "client {Slot}: connection failed: {Reason}")]
    public static partial void ConnectionFailed(ILogger logger, int slot, string reason);

    [LoggerMessage(22, LogLevel.Warning, "client {Slot}: malformed request ignored: {Reason}")]
    public static partial void Malformed(ILogger logger, int slot, string reason);

    [LoggerMessage(23, LogLevel.Warning, "connection refused: all {Slots} client slots are in use")]
    public static partial void SlotsFull(ILogger logger, int slots);

    [LoggerMessage(30, LogLevel.Information, "resource {Space}:{Resource}: {Action} for pid {Pid} result {Result}")]
    public static partial void Resource(ILogger logger, string space, string resource, string action, int pid, int result);

    [LoggerMessage(31, LogLevel.Warning, "resource {Space}:{Resource}: release on disk failed: {Reason}")]
    public static partial void ReleaseFailed(ILogger logger, string space, string resource, string reason);

    [LoggerMessage(40, LogLevel.Warning, "pid {Pid}: sending signal {Signal} ({Reason})")]
    public static partial void Killing(ILogger logger, int pid, int signal, string reason);

    [LoggerMessage(41, LogLevel.Warning, "pid {Pid}: running kill path {Path} {Args}")]
    public static partial void RunningKillPath(ILogger logger, int pid, string path, string args);

    [LoggerMessage(42, LogLevel.Warning, "pid {Pid}: kill path {Path} failed to start: {Reason}")]
    public static partial void KillPathFailed(ILogger logger, int pid, string path, string reason);

    [LoggerMessage(43, LogLevel.Warning, "resource {Space}:{Resource}: request for lver {Lver} force {Force} (held lver {HeldLver}): acting on {Holders} holder(s)")]
    public static partial void RequestSeen(ILogger logger, string space, string resource, ulong lver, uint force, ulong heldLver, int holders);

    [LoggerMessage(44, LogLevel.Warning, "resource {Space}:{Resource}: request record unreadable: {Reason}")]
    public static partial void RequestUnreadable(ILogger logger, string space, string resource, string reason);

    [LoggerMessage(50, LogLevel.Information, "shutting down")]
    public static partial void ShuttingDown(ILogger logger);
}
