namespace Sanlock.Cli.Direct;

/// <summary><c>sanlock direct ACTION …</c>: lease operations straight on disk, no daemon.</summary>
internal static class DirectCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("direct: not implemented yet");
        return 1;
    }
}
