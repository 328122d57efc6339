using Sanlock.TestKit;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// The two CLIs under comparison: ours (the NativeAOT build in artifacts/cli, published on first use when missing)
/// and the real sanlock 3.8.5 in /usr/sbin. Also the captured vectors in ../shared/spec/vectors.
/// </summary>
internal static class SanlockBinaries
{
    public const string Real = "/usr/sbin/sanlock";
    private static readonly Lazy<string> _ours = new(BuildOursIfMissing, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Ours => _ours.Value;

    public static string VectorsDirectory => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "spec", "vectors"));

    public static ProcessResult RunOurs(params string[] args) => ProcessRunner.Run(Ours, args);

    public static ProcessResult RunReal(params string[] args) => ProcessRunner.Run(Real, args);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sanlock.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Sanlock.sln above {AppContext.BaseDirectory}");
    }

    private static string BuildOursIfMissing()
    {
        var binary = Path.Combine(RepoRoot, "artifacts", "cli", "sanlock");
        if (!File.Exists(binary))
        {
            var build = ProcessRunner.Run(Path.Combine(RepoRoot, "scripts", "build-cli"), [], TimeSpan.FromMinutes(5));
            if (build.ExitCode != 0 || !File.Exists(binary))
            {
                throw new InvalidOperationException($"scripts/build-cli failed: {build}");
            }
        }
        return binary;
    }
}
