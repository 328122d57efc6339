using Sanlock.Libvirt.LockdPlugin;

namespace Sanlock.Lockd.Locking;

/// <summary>
/// One lock file the daemon has locked in the kernel, and the owner pids sharing it (spec §6.3: one fcntl lock per
/// resource, however many owners). <typeparamref name="THandle"/> is the open lock file; the table never touches it.
/// </summary>
public sealed class HeldLock<THandle>
    where THandle : class
{
    private readonly List<int> _owners = [];

    internal HeldLock(LockdResource resource, string diskPath, THandle handle, int firstOwner)
    {
        Resource = resource;
        DiskPath = diskPath;
        Handle = handle;
        _owners.Add(firstOwner);
    }

    public LockdResource Resource { get; }

    /// <summary>The disk path the first owner asked for (indirect resources are named by its hash or UUID).</summary>
    public string DiskPath { get; }

    public THandle Handle { get; }

    public bool Shared => Resource.Shared;

    public IReadOnlyList<int> Owners => _owners;

    internal void AddOwner(int pid) => _owners.Add(pid);

    internal bool RemoveOwner(int pid) => _owners.Remove(pid);
}
