using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Logging;

namespace Sanlock.Daemon.Killing;

/// <summary>Starts a client's kill path helper (§4.12): the path, its arguments split at unescaped white space, and
/// with KILLPATH_PID the pid last. The daemon does not wait for it.</summary>
public static class KillPathRunner
{
    public static bool Run(ClientState client, ILogger log)
    {
        if (client.KillPath is not { Path.Length: > 0 } killPath)
        {
            return false;
        }
        var start = new ProcessStartInfo(killPath.Path) { UseShellExecute = false };
        foreach (var arg in KillPathArgs.Split(killPath.Args))
        {
            start.ArgumentList.Add(arg);
        }
        if (client.KillPathAppendPid)
        {
            start.ArgumentList.Add(client.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        DaemonLog.RunningKillPath(log, client.Pid, killPath.Path, killPath.Args);
        try
        {
            using var process = Process.Start(start);
            return true;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            DaemonLog.KillPathFailed(log, client.Pid, killPath.Path, e.Message);
            return false;
        }
    }
}
