namespace Sanlock.Lockd;

/// <summary>
/// Where the lockd daemon listens: <c>lockd.sock</c> beside <c>sanlock.sock</c>, in <c>$SANLOCK_RUN_DIR</c>, else
/// <c>/run/sanlock</c> for root, else <c>$XDG_RUNTIME_DIR/sanlock</c> for an unprivileged user (who gets a daemon of
/// their own, spawned on demand).
/// </summary>
public static class LockdPaths
{
    public const string SocketName = "lockd.sock";
    public const string PidFileName = "lockd.pid";
    public const string DefaultRunDirectory = "/run/sanlock";

    public static string RunDirectory
    {
        get
        {
            string? dir = Environment.GetEnvironmentVariable("SANLOCK_RUN_DIR");
            if (!string.IsNullOrEmpty(dir))
            {
                return dir;
            }

            string? runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            return Native.LibC.GetUid() != 0 && !string.IsNullOrEmpty(runtime) ? Path.Combine(runtime, "sanlock") : DefaultRunDirectory;
        }
    }

    public static string Socket => Path.Combine(RunDirectory, SocketName);
}
