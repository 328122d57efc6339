namespace Sanlock.UnitTests.Protocol;

/// <summary>Finds the shared vectors (../shared/spec/vectors beside the repository; never copied into it).</summary>
public static class WireCaptureFiles
{
    private static readonly Lazy<string> _directory = new(FindDirectory);

    public static string Directory => _directory.Value;

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "wire-*.hex").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static WireCapture Load(string name) => WireCapture.Load(Path.Combine(Directory, name));

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sanlock.sln")))
            {
                string vectors = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "spec", "vectors"));
                if (System.IO.Directory.Exists(vectors))
                {
                    return vectors;
                }
                throw new DirectoryNotFoundException($"vectors directory {vectors} (beside the repository) is missing");
            }
        }
        throw new DirectoryNotFoundException($"no Sanlock.sln above {AppContext.BaseDirectory}");
    }
}
