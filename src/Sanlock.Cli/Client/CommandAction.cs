namespace Sanlock.Cli.Client;

/// <summary><c>command -r RESOURCE -c PATH ARGS…</c>: register, acquire on the registered connection, then exec the
/// command keeping the connection (§1.4).</summary>
internal static class CommandAction
{
    public static int Run(ClientContext context)
    {
        // Not implemented yet: exec with an inherited registered fd needs execv/fcntl interop.
        context.Output.WriteLine("command: not supported by this build");
        return 1;
    }
}
