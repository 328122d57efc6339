namespace Sanlock.Client;

/// <summary>Where the daemon listens: <c>$SANLOCK_RUN_DIR/sanlock.sock</c>, else <c>/run/sanlock/sanlock.sock</c>.</summary>
/// <remarks>sanlock-wire-protocol.md §1.1.</remarks>
public static class SanlockSocketPath
{
    public const string DefaultRunDirectory = "/run/sanlock";
    public const string SocketName = "sanlock.sock";

    public static string RunDirectory
    {
        get
        {
            string? dir = Environment.GetEnvironmentVariable("SANLOCK_RUN_DIR");
            return string.IsNullOrEmpty(dir) ? DefaultRunDirectory : dir;
        }
    }

    public static string Default => Path.Combine(RunDirectory, SocketName);
}
