using System.Diagnostics;

namespace Sanlock.InteropTests.Daemon;

/// <summary>SHUTDOWN with force (§4.6, §4.7.6) while a process holds a lease: the holder is SIGKILLed, the host's delta
/// lease is released on disk but the killed holder's resource lease is left as it was (3.8.5 does not release it), and
/// the daemon exits — on the real daemon and on ours.</summary>
public sealed class ForcedShutdownTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ForcedShutdown_KillsTheHolder_ReleasesTheDeltaLeaseOnly_AndExits(bool useReal)
    {
        using var dir = new DaemonTestDir();
        dir.InitLeases("LS", "R1");
        using IDisposable daemon = useReal ? RealDaemon.Start(dir.RunDir) : OurDaemon.Start(dir.RunDir);
        ProcessResult Client(params string[] args) => useReal ? ((RealDaemon)daemon).Client(args) : ((OurDaemon)daemon).Client(args);
        int daemonPid = useReal ? ((RealDaemon)daemon).Pid : ((OurDaemon)daemon).Pid;
        Client("add_lockspace", "-s", $"LS:1:{dir.Lease("ls")}:0").EnsureSuccess();
        using var holder = PythonHolder.Start(dir.RunDir, "LS", "R1", dir.Lease("r1"));
        Assert.Equal("held", holder.Outcome);

        Assert.Contains("shutdown done 0", Client("shutdown", "-f", "1").Stdout, StringComparison.Ordinal);

        Assert.True(holder.WaitForExit(TimeSpan.FromSeconds(20)), "the holder was not killed");
        Assert.True(WaitForExit(daemonPid, TimeSpan.FromSeconds(30)), "the daemon did not exit");
        Assert.Matches(@" R1 (?!0000000000)\d{10} 0001 0001 1", Dump(dir, "r1"));
        Assert.Matches(@"\n00000000 +LS +\S+ 0000000000 0001 0001", Dump(dir, "ls"));
    }

    private static bool WaitForExit(int pid, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.HasExited || File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z")
                {
                    return true;
                }
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                return true;
            }
            Thread.Sleep(200);
        }
        return false;
    }

    private static string Dump(DaemonTestDir dir, string lease) =>
        Tools.Run("/usr/sbin/sanlock", ["direct", "dump", dir.Lease(lease) + ":0"]).EnsureSuccess().Stdout;
}
