using System.Diagnostics;

namespace Sanlock.InteropTests.Lockd;

/// <summary>A fresh directory under /var/tmp (the lock files need a real filesystem) holding disk images, a lock
/// directory and one run dir per simulated host, plus the daemons and processes a test keeps there; on dispose the
/// kept ones are stopped (last first) and the directory is removed.</summary>
public sealed class LockdTestDir : IDisposable
{
    private readonly List<IDisposable> _kept = [];

    public LockdTestDir()
    {
        Root = Path.Combine("/var/tmp", "lockd-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, "images"));
        Directory.CreateDirectory(LockDir);
    }

    public string Root { get; }

    public string LockDir => Path.Combine(Root, "locks");

    public string RunDir(string host)
    {
        string dir = Path.Combine(Root, "run-" + host);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Creates a 4 KiB disk image.</summary>
    public string Disk(string name)
    {
        string path = Path.Combine(Root, "images", name);
        File.WriteAllBytes(path, new byte[4096]);
        return path;
    }

    /// <summary>Writes a qemu-lockd.conf; no line means direct mode.</summary>
    public string Conf(params string[] lines)
    {
        string path = Path.Combine(Root, $"qemu-lockd-{Guid.NewGuid():N}.conf");
        File.WriteAllLines(path, lines);
        return path;
    }

    public string IndirectConf() => Conf($"file_lockspace_dir = \"{LockDir}\"");

    /// <summary>Keeps a daemon or process to be stopped when the test ends, even when it fails.</summary>
    public T Keep<T>(T item)
        where T : IDisposable
    {
        _kept.Add(item);
        return item;
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_kept))
        {
            if (item is Process p)
            {
                LockdCli.KillAndWait(p);
            }

            item.Dispose();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
