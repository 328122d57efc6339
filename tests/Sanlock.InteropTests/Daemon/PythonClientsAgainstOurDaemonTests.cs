using System.Diagnostics;

namespace Sanlock.InteropTests.Daemon;

/// <summary>python3-sanlock against our daemon, compared with the same script against the real 3.8.5 daemon: add/inq
/// lockspace, register, acquire, inquire, release, shared leases, read_resource_owners, set_lvb/get_lvb, get_hosts;
/// and host events: set_event on one host, reg_event/get_event delivery on another host of the same lockspace file.</summary>
public sealed class PythonClientsAgainstOurDaemonTests
{
    [Fact]
    public void PythonSession_AgainstOurDaemon_PrintsWhatItPrintsAgainstTheRealDaemon()
    {
        string real = RunSingleSession(useReal: true);
        string ours = RunSingleSession(useReal: false);

        Assert.Equal(real, ours);
        // Guards against both runs failing the same way (e.g. no python3-sanlock): the session really worked.
        Assert.Contains("acquire R1: None", ours, StringComparison.Ordinal);
        Assert.Contains("get_lvb after reacquire: b'hello-lvb", ours, StringComparison.Ordinal);
        Assert.Contains("read_resource_owners R2: [{'flags': 0, 'generation': 1, 'host_id': 1", ours, StringComparison.Ordinal);
        Assert.Contains("rem_lockspace: None", ours, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void SetEvent_OnHost1_IsDeliveredToTheListenerOnHost2(bool realSender, bool realListener)
    {
        using var dir = new DaemonTestDir();
        dir.InitLeases("LS");
        Directory.CreateDirectory(Path.Combine(dir.Root, "b"));
        Tools.Run("/bin/chmod", ["777", Path.Combine(dir.Root, "b")]).EnsureSuccess();
        string ls = dir.Lease("ls");
        using IDisposable sender = StartDaemon(realSender, dir.RunDir, "host-a");
        using IDisposable listenerDaemon = StartDaemon(realListener, Path.Combine(dir.Root, "b", "run"), "host-b");
        string senderRun = dir.RunDir;
        string listenerRun = Path.Combine(dir.Root, "b", "run");
        Assert.Contains("add_lockspace host 1: None", PythonSanlockScript.Run(senderRun, "join", ls, "1").Stdout, StringComparison.Ordinal);
        Assert.Contains("add_lockspace host 2: None", PythonSanlockScript.Run(listenerRun, "join", ls, "2").Stdout, StringComparison.Ordinal);

        using Process listener = PythonSanlockScript.Start(listenerRun, "listen");
        try
        {
            Assert.Equal("reg_event: True", listener.StandardOutput.ReadLine());
            var send = PythonSanlockScript.Run(senderRun, "send", "2", "0", "7", "8");
            // A second, different event within the bitmap period is refused with EBUSY, as 3.8.5 does.
            Assert.Equal("set_event: None\nset_event again: error 16\n", send.Stdout);
            Assert.True(listener.WaitForExit(TimeSpan.FromSeconds(90)), "no event within 60 s");
            string delivered = listener.StandardOutput.ReadToEnd();
            Assert.Equal(
                "readable: True\n"
                + "get_event: [{'from_host_id': 1, 'from_generation': 1, 'host_id': 2, 'generation': 0, 'event': 7, 'data': 8}]\n"
                + "end_event: None\n",
                delivered);
        }
        finally
        {
            if (!listener.HasExited)
            {
                listener.Kill();
            }
            PythonSanlockScript.Run(senderRun, "leave", ls, "1");
            PythonSanlockScript.Run(listenerRun, "leave", ls, "2");
        }
    }

    private static string RunSingleSession(bool useReal)
    {
        using var dir = new DaemonTestDir();
        dir.InitLeases("LS", "R1", "R2");
        using IDisposable daemon = StartDaemon(useReal, dir.RunDir, "pyhost");
        var session = PythonSanlockScript.Run(dir.RunDir, "single", dir.Lease("ls"), dir.Lease("r1"), dir.Lease("r2"));
        Assert.True(session.Stderr.Length == 0, $"python3 ({(useReal ? "real" : "our")} daemon) wrote to stderr: {session.Stderr}");
        return session.Stdout.Replace(dir.Root, "DIR", StringComparison.Ordinal);
    }

    private static IDisposable StartDaemon(bool real, string runDir, string hostName)
    {
        if (real)
        {
            return RealDaemon.Start(runDir);
        }
        Directory.CreateDirectory(runDir);
        return OurDaemon.Start(runDir, hostName);
    }
}
