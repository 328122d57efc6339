namespace Sanlock.UnitTests.OnDisk.Vectors;

/// <summary>Locates the captured vectors: ../shared/spec/vectors next to the repository (never copied into it).</summary>
internal static class DiskVectors
{
    private static readonly Lazy<string> _directory = new(Find);

    public static string Directory => _directory.Value;

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>The disk vectors (everything but the wire-*.hex captures).</summary>
    public static IReadOnlyList<string> HexFiles() =>
        System.IO.Directory.GetFiles(Directory, "*.hex")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith("wire-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sanlock.sln")))
            {
                string vectors = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "spec", "vectors"));
                return System.IO.Directory.Exists(vectors)
                    ? vectors
                    : throw new DirectoryNotFoundException($"vector directory {vectors} (../shared/spec/vectors from the repository root) does not exist");
            }
        }

        throw new DirectoryNotFoundException($"no Sanlock.sln above {AppContext.BaseDirectory}");
    }
}
