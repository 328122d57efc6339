using System.Globalization;
using System.Net.Sockets;
using Sanlock.Daemon.Native;

namespace Sanlock.Daemon.Hosting;

/// <summary>The daemon's listening UNIX socket: taken from systemd (socket activation) or bound at the run dir.</summary>
public static class ListeningSocket
{
    private const int SdListenFdsStart = 3;

    /// <summary>The socket systemd passed (LISTEN_PID = us, LISTEN_FDS ≥ 1), or null.</summary>
    public static Socket? FromSystemd()
    {
        string? pid = Environment.GetEnvironmentVariable("LISTEN_PID");
        string? fds = Environment.GetEnvironmentVariable("LISTEN_FDS");
        if (pid is null || fds is null
            || !int.TryParse(pid, NumberStyles.Integer, CultureInfo.InvariantCulture, out int listenPid) || listenPid != Environment.ProcessId
            || !int.TryParse(fds, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) || count < 1)
        {
            return null;
        }
        Environment.SetEnvironmentVariable("LISTEN_PID", null);
        Environment.SetEnvironmentVariable("LISTEN_FDS", null);
        Environment.SetEnvironmentVariable("LISTEN_FDNAMES", null);
        return new Socket(new SafeSocketHandle(SdListenFdsStart, ownsHandle: true));
    }

    /// <summary>Removes a stale socket file, binds, sets mode 0660 and the owner, listens (§1.1).</summary>
    public static Socket Bind(string path, int uid, int gid, Action<string> warn)
    {
        if (Path.Exists(path))
        {
            File.Delete(path);
        }
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            if (LibC.Chmod(path, 0x1B0 /* 0660 */) != 0)
            {
                throw new IOException($"chmod 0660 {path} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
            }
            if (LibC.Chown(path, uid, gid) != 0)
            {
                warn($"cannot chown {path} to {uid}:{gid} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}); keeping the current owner");
            }
            // 3.8.5 listens with a backlog of 5; a deeper queue only helps bursts of clients.
            socket.Listen(128);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
