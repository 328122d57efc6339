namespace Sanlock.Cli.Client;

/// <summary><c>sanlock client ACTION …</c>: requests to the daemon of SANLOCK_RUN_DIR.</summary>
internal static class ClientCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("client: not implemented yet");
        return 1;
    }
}
