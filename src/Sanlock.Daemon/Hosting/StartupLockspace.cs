using Microsoft.Extensions.Logging;
using Sanlock.OnDisk;
using Sanlock.Protocol.Structs;
using Sanlock.Protocol.Text;

namespace Sanlock.Daemon.Hosting;

/// <summary>Our extension for the embedded default: join NAME:HOST_ID:PATH:OFFSET at start-up, first writing a fresh
/// lockspace (io_timeout = the daemon's) when PATH does not exist yet.</summary>
public static class StartupLockspace
{
    public static void Join(SanlockDaemon daemon, string spec, ILogger log)
    {
        SanlkLockspace ls;
        try
        {
            ls = LockspaceString.Parse(spec);
        }
        catch (FormatException e)
        {
            log.LogError("lockspace {Spec} not joined: {Reason}", spec, e.Message);
            return;
        }
        string path = ls.HostIdDisk.Path;
        if (!File.Exists(path))
        {
            var geometry = LeaseGeometry.Default;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var area = new byte[geometry.AlignSize];
            LockspaceFormat.BuildCommitted(area, geometry, ls.Name, (ushort)daemon.Options.IoTimeoutSeconds);
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                file.Seek((long)ls.HostIdDisk.Offset, SeekOrigin.Begin);
                file.Write(area);
                file.Flush(flushToDisk: true);
            }
            log.LogInformation("created lockspace {Name} in {Path}", ls.Name, path);
        }
        var (error, _) = daemon.Spaces.BeginAdd(ls, daemon.Options.IoTimeoutSeconds);
        if (error != SanlockError.Ok)
        {
            log.LogError("lockspace {Spec} not joined: {Error}", spec, (int)error);
        }
    }
}
