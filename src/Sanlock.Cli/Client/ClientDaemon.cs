using Sanlock.Client;

namespace Sanlock.Cli.Client;

/// <summary>Which daemon <c>sanlock client</c> talks to. SANLOCK_RUN_DIR set, or root: that run dir (default
/// /run/sanlock) and no daemon is ever started, exactly like the real CLI. Otherwise an unprivileged user's own run
/// dir (<see cref="UserRunDirectory"/>), where a missing daemon is started on first use — except for
/// <c>shutdown</c>, which has nothing to stop then.</summary>
internal static class ClientDaemon
{
    public static SanlockClient For(string action)
    {
        if (Environment.GetEnvironmentVariable("SANLOCK_RUN_DIR") is { Length: > 0 } || UserRunDirectory.IsRoot)
        {
            return new SanlockClient();
        }
        string runDirectory = UserRunDirectory.Resolve();
        string socket = Path.Combine(runDirectory, SanlockSocketPath.SocketName);
        if (runDirectory == SanlockSocketPath.DefaultRunDirectory || action == "shutdown" || Environment.ProcessPath is not { } binary)
        {
            return new SanlockClient(socket);
        }
        return new SanlockClient(socket)
        {
            AutoStart = new DaemonAutoStart(runDirectory, binary) { Report = message => Console.Error.WriteLine($"sanlock client: {message}") },
        };
    }
}
