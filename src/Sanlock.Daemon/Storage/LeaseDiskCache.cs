using System.Collections.Concurrent;
using Sanlock.OnDisk;
using Sanlock.Posix;

namespace Sanlock.Daemon.Storage;

/// <summary>One open descriptor per lease path, shared by every lockspace and resource on it.</summary>
public sealed class LeaseDiskCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ILeaseDisk>> _disks = new(StringComparer.Ordinal);
    private readonly Func<string, ILeaseDisk> _open;

    public LeaseDiskCache(Func<string, ILeaseDisk>? open = null) => _open = open ?? (static path => DirectFileDisk.Open(path, DirectOpenMode.ReadWrite));

    /// <summary>The disk for <paramref name="path"/>; throws <see cref="LeaseIoException"/> when it cannot be opened
    /// (a failed open is not cached, so a later attempt retries).</summary>
    public ILeaseDisk Get(string path)
    {
        var lazy = _disks.GetOrAdd(path, p => new Lazy<ILeaseDisk>(() => _open(p)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _disks.TryRemove(new KeyValuePair<string, Lazy<ILeaseDisk>>(path, lazy));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _disks.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
        _disks.Clear();
    }
}
