namespace Sanlock.Chaos;

/// <summary>Where a run keeps its leases and guarded disks: a small ext4 image loop-mounted for the run (so a full
/// file system can be staged), or a plain directory on /var/tmp when mount is not permitted.</summary>
public sealed class Storage : IDisposable
{
    private Storage(string root, string? mountPoint)
    {
        Root = root;
        MountPoint = mountPoint;
        string data = mountPoint ?? root;
        LeaseDir = Path.Combine(data, "leases");
        DiskDir = Path.Combine(data, "disks");
        Directory.CreateDirectory(LeaseDir);
        Directory.CreateDirectory(DiskDir);
        _ = Shell.Run("/bin/chmod", ["777", data, LeaseDir, DiskDir]);
    }

    public string Root { get; }

    public string? MountPoint { get; }

    public string LeaseDir { get; }

    public string DiskDir { get; }

    public static Storage Create(string root, bool loop, Action<string> log)
    {
        Directory.CreateDirectory(root);
        _ = Shell.Run("/bin/chmod", ["755", root]);
        if (!loop)
        {
            return new Storage(root, null);
        }
        string image = Path.Combine(root, "fs.img");
        string mount = Path.Combine(root, "fs");
        Directory.CreateDirectory(mount);
        // -m 0: no blocks reserved for root, or the root-run workers would never see the file system full.
        var mk = Shell.Run("/usr/bin/truncate", ["-s", "48M", image]);
        if (mk.Code == 0)
        {
            mk = Shell.Run("/usr/sbin/mkfs.ext4", ["-q", "-F", "-m", "0", image]);
        }
        var mounted = mk.Code == 0 ? Shell.Run("/bin/mount", ["-o", "loop", image, mount]) : mk;
        if (mounted.Code != 0)
        {
            log($"loop-mounted ext4 not available ({mounted.Output.Trim()}); using {root}");
            return new Storage(root, null);
        }
        return new Storage(root, mount);
    }

    public void Dispose()
    {
        if (MountPoint is not null)
        {
            for (int i = 0; i < 10 && Shell.Run("/bin/umount", [MountPoint]).Code != 0; i++)
            {
                Thread.Sleep(500);
            }
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
