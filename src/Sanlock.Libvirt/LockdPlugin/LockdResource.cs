namespace Sanlock.Libvirt.LockdPlugin;

/// <summary>
/// One fcntl lock a VM will hold under lockd. <paramref name="LockspaceDir"/> is empty for direct mode, where
/// <paramref name="Name"/> is the disk path itself; otherwise the lock file is <see cref="LockFilePath"/>.
/// <paramref name="AutoCreate"/> resources are created on acquire and deleted on the last release.
/// </summary>
public sealed record LockdResource(
    string LockspaceDir, string Name, bool Shared, bool AutoCreate, LockdNamingScheme Scheme)
{
    public string LockFilePath => LockspaceDir.Length == 0 ? Name : $"{LockspaceDir}/{Name}";
}
