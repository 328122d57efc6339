namespace Sanlock.Cli.Libvirt;

/// <summary>Finds a command on PATH as a shell would (execv itself does not search).</summary>
internal static class ExecutablePath
{
    public static string Resolve(string command)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            return command;
        }
        string path = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } p ? p : "/usr/local/bin:/usr/bin:/bin";
        foreach (string dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return command;
    }
}
