using Sanlock.Client;
using Sanlock.Libvirt.SanlockPlugin;
using Sanlock.Protocol.Structs;

namespace Sanlock.Libvirt.AutoLeases;

/// <summary>
/// Creates a lockspace or lease file the way the sanlock plugin does (spec libvirt §3.2 step 2, §4.3): exclusive
/// create with the requested mode, chown to the configured user/group, zero-fill to the alignment the daemon reports,
/// close, then ask the daemon to format it. Any failure after the create unlinks the file, so a half-made file is
/// never left for others to trust.
/// </summary>
/// <remarks>
/// Unlike libvirt we also fchmod the new file to the requested mode, so the process umask cannot strip the group
/// bits a configured <c>group</c> relies on (libvirt under umask 022 produced 0640 where 0660 was asked).
/// </remarks>
public static class SanlockFileCreator
{
    private const int ZeroChunkBytes = 1 << 20;

    /// <summary>Creates and formats <paramref name="path"/> unless it exists; true when this call created it.
    /// <paramref name="mode"/> is the requested mode; <paramref name="config"/> gives the owner;
    /// <paramref name="client"/> reaches the daemon for the alignment; <paramref name="lease"/> says a disk lease
    /// (for the wording of errors) rather than the lockspace file; <paramref name="format"/> asks the daemon to
    /// format the file and returns 0 or the sanlock result.</summary>
    /// <exception cref="LibvirtException">the spec's message for the step that failed.</exception>
    public static bool EnsureCreated(string path, UnixFileMode mode, QemuSanlockConfig config, SanlockClient client, bool lease,
        Func<SanlockClient, int> format)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(format);
        if (Libc.Stat(path, out _) == 0)
        {
            return false;
        }
        int fd = Libc.CreateExclusive(path, mode);
        if (fd == -Libc.EEXIST)
        {
            // Another host or process is creating it: use it as it is, as libvirt does.
            return false;
        }
        if (fd < 0)
        {
            throw SanlockPluginMessages.CreateFailed(path, -fd);
        }
        bool open = true;
        try
        {
            Prepare(fd, path, mode, config, client, lease);
            open = false;
            int closed = Libc.Close(fd);
            if (closed != 0)
            {
                throw SanlockPluginMessages.SaveFailed(path, lease, closed);
            }
            int formatted = format(client);
            if (formatted != 0)
            {
                throw SanlockPluginMessages.InitializeFailed(path, lease, formatted);
            }
            return true;
        }
        catch
        {
            if (open)
            {
                Libc.Close(fd);
            }
            Libc.Unlink(path);
            throw;
        }
    }

    private static void Prepare(int fd, string path, UnixFileMode mode, QemuSanlockConfig config, SanlockClient client, bool lease)
    {
        if (LockspaceFilePolicy.ChownAfterCreate(config))
        {
            int chown = Libc.FChown(fd, config.UserId, config.GroupId);
            if (chown != 0)
            {
                throw SanlockPluginMessages.ChownFailed(path, config.UserId, config.GroupId, chown);
            }
        }
        int chmod = Libc.FChmod(fd, mode);
        if (chmod != 0)
        {
            throw SanlockPluginMessages.CreateFailed(path, chmod);
        }
        int align = client.Align(new SanlkDisk(path, 0)).Result;
        if (align <= 0)
        {
            throw SanlockPluginMessages.QuerySectorSizeFailed(path, align == 0 ? -Libc.EINVAL : align);
        }
        int filled = ZeroFill(fd, align);
        if (filled != 0)
        {
            throw SanlockPluginMessages.AllocateFailed(path, lease, filled);
        }
    }

    /// <summary>fallocate, else writes zeros (filesystems such as some NFS versions lack fallocate).</summary>
    private static int ZeroFill(int fd, long length)
    {
        int allocated = Libc.FAllocate(fd, length);
        if (allocated is not (Libc.EOPNOTSUPP or Libc.EINVAL))
        {
            return allocated;
        }
        var zeros = new byte[(int)Math.Min(length, ZeroChunkBytes)];
        for (long at = 0; at < length; at += zeros.Length)
        {
            int written = Libc.PWriteAll(fd, zeros.AsSpan(0, (int)Math.Min(zeros.Length, length - at)), at);
            if (written != 0)
            {
                return written;
            }
        }
        return 0;
    }
}
