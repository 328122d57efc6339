namespace Sanlock.TestKit;

/// <summary>
/// A fresh directory for one test's lease files, on a filesystem with O_DIRECT (under /var/tmp: ext4 here;
/// /tmp may be tmpfs elsewhere, which has no O_DIRECT). Deleted with everything in it on dispose.
/// </summary>
public sealed class TempLeaseDir : IDisposable
{
    public TempLeaseDir(string prefix = "sanlock-test")
    {
        var root = Directory.Exists("/var/tmp") ? "/var/tmp" : Path.GetTempPath();
        DirectoryPath = Path.Combine(root, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(DirectoryPath);
    }

    public string DirectoryPath { get; }

    /// <summary>The full path of <paramref name="name"/> inside this directory (the file is not created).</summary>
    public string PathOf(string name) => Path.Combine(DirectoryPath, name);

    /// <summary>Creates (or truncates) <paramref name="name"/> as a sparse file of <paramref name="size"/> zero bytes.</summary>
    public string CreateFile(string name, long size)
    {
        var path = PathOf(name);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.SetLength(size);
        return path;
    }

    /// <summary>Creates <paramref name="name"/> holding exactly <paramref name="content"/>.</summary>
    public string CreateFile(string name, ReadOnlySpan<byte> content)
    {
        var path = PathOf(name);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (IOException)
        {
            // A process we started may still hold a file; the OS cleans /var/tmp eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
