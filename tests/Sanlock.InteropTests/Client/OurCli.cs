using Sanlock.TestKit;

namespace Sanlock.InteropTests.Client;

/// <summary>Our NativeAOT CLI (artifacts/cli/sanlock, published by scripts/build-cli).</summary>
public static class OurCli
{
    private static readonly Lazy<string> _path = new(Find);

    public static string Path => _path.Value;

    public static Task<ProcessResult> RunAsync(RealSanlockDaemon daemon, params string[] args) =>
        RealSanlockDaemon.RunAsync(Path, args, daemon.ClientEnvironment);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sanlock.sln")))
            {
                string cli = System.IO.Path.Combine(dir.FullName, "artifacts", "cli", "sanlock");
                return File.Exists(cli) ? cli : throw new FileNotFoundException($"{cli} is missing: run scripts/build-cli first", cli);
            }
        }
        throw new DirectoryNotFoundException($"no Sanlock.sln above {AppContext.BaseDirectory}");
    }
}
