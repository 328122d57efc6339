namespace Sanlock.InteropTests.Daemon;

/// <summary>The unchanged Debian <c>sanlock client</c> CLI and python3-sanlock against our daemon (AOT binary).</summary>
public sealed class RealClientsAgainstOurDaemonTests : IDisposable
{
    private readonly DaemonTestDir _dir = new();
    private readonly OurDaemon _daemon;

    public RealClientsAgainstOurDaemonTests()
    {
        _dir.InitLeases("LS", "R1", "R2");
        _daemon = OurDaemon.Start(_dir.RunDir);
    }

    private string Ls => $"LS:1:{_dir.Lease("ls")}:0";

    private string R1 => $"LS:R1:{_dir.Lease("r1")}:0";

    public void Dispose()
    {
        _daemon.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Version_ReportsDaemon385()
    {
        var version = _daemon.Client("version").EnsureSuccess();
        Assert.Contains("daemon version 3.8.5 (0x03080500)", version.Stdout, StringComparison.Ordinal);
        Assert.Contains("daemon socket protocol 0.1", version.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLockspace_ThenInqAndStatus_ShowItJoined()
    {
        var add = _daemon.Client("add_lockspace", "-s", Ls, "-o", "1");
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("add_lockspace_timeout done 0", add.Stdout, StringComparison.Ordinal);
        Assert.Contains("inq_lockspace done 0", _daemon.Client("inq_lockspace", "-s", Ls).Stdout, StringComparison.Ordinal);
        Assert.Contains("add_lockspace_timeout done -17", _daemon.Client("add_lockspace", "-s", Ls, "-o", "1").Stdout, StringComparison.Ordinal);
        var status = _daemon.Client("status", "-D").EnsureSuccess().Stdout;
        Assert.Contains("daemon ourhost", status, StringComparison.Ordinal);
        Assert.Contains($"s {Ls}\n    list=spaces", status, StringComparison.Ordinal);
        Assert.Contains("    io_timeout=1", status, StringComparison.Ordinal);
        var gets = _daemon.Client("gets", "-h", "1").Stdout;
        Assert.Contains($"s {Ls} ", gets, StringComparison.Ordinal);
        Assert.Contains("h 1 gen 1 timestamp", gets, StringComparison.Ordinal);
        Assert.Contains("LIVE", gets, StringComparison.Ordinal);
        var hosts = _daemon.Client("host_status", "-s", "LS", "-D").Stdout;
        Assert.Contains("1 timestamp ", hosts, StringComparison.Ordinal);
        Assert.Contains("    owner_id=1", hosts, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_AcquiresForTheRegisteredProcess_AndInquireShowsTheLease()
    {
        _daemon.Client("add_lockspace", "-s", Ls, "-o", "1").EnsureSuccess();
        var run = _daemon.Client("command", "-r", R1, "-c", "/bin/sh", "-c", "sanlock client inquire -p $$; sanlock client status");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("inquire done 0 res_count 1", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\"{R1}:1\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"r {R1}:1 p ", run.Stdout, StringComparison.Ordinal);
        // The command exited: its registered connection closed, so the lease is gone.
        Assert.DoesNotContain("r LS:R1", _daemon.Client("status").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonHolder_ThatIsKilled_HasItsLeaseReleased()
    {
        _daemon.Client("add_lockspace", "-s", Ls, "-o", "1").EnsureSuccess();
        using (var holder = PythonHolder.Start(_dir.RunDir, "LS", "R1", _dir.Lease("r1")))
        {
            Assert.Equal("held", holder.Outcome);
            Assert.Contains($"p {holder.Pid}", _daemon.Client("status").Stdout, StringComparison.Ordinal);
            using var second = PythonHolder.Start(_dir.RunDir, "LS", "R1", _dir.Lease("r1"));
            Assert.Equal("error 17", second.Outcome);
            holder.Kill();
        }
        Thread.Sleep(300);
        Assert.DoesNotContain("r LS:R1", _daemon.Client("status").Stdout, StringComparison.Ordinal);
        using var third = PythonHolder.Start(_dir.RunDir, "LS", "R1", _dir.Lease("r1"));
        Assert.Equal("held", third.Outcome);
    }

    [Fact]
    public void SharedLeases_TwoHoldersShare_AndExclusiveIsRefused()
    {
        _daemon.Client("add_lockspace", "-s", Ls, "-o", "1").EnsureSuccess();
        using var a = PythonHolder.Start(_dir.RunDir, "LS", "R1", _dir.Lease("r1"), shared: true);
        using var b = PythonHolder.Start(_dir.RunDir, "LS", "R1", _dir.Lease("r1"), shared: true);
        Assert.Equal("held", a.Outcome);
        Assert.Equal("held", b.Outcome);
        var inquire = _daemon.Client("inquire", "-p", a.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)).Stdout;
        Assert.Contains($"\"{R1}:SH\"", inquire, StringComparison.Ordinal);
        using var ex = PythonHolder.Start(_dir.RunDir, "LS", "R1", _dir.Lease("r1"));
        Assert.Equal("error 17", ex.Outcome);
    }

    [Fact]
    public void Convert_ExToShAndBack_ByPid()
    {
        _daemon.Client("add_lockspace", "-s", Ls, "-o", "1").EnsureSuccess();
        using var holder = PythonHolder.Start(_dir.RunDir, "LS", "R1", _dir.Lease("r1"));
        string pid = holder.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("convert done 0", _daemon.Client("convert", "-r", R1 + ":SH", "-p", pid).Stdout, StringComparison.Ordinal);
        Assert.Contains(":SH\"", _daemon.Client("inquire", "-p", pid).Stdout, StringComparison.Ordinal);
        Assert.Contains("convert done -114", _daemon.Client("convert", "-r", R1 + ":SH", "-p", pid).Stdout, StringComparison.Ordinal);
        Assert.Contains("convert done 0", _daemon.Client("convert", "-r", R1, "-p", pid).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(":SH\"", _daemon.Client("inquire", "-p", pid).Stdout, StringComparison.Ordinal);
        Assert.Contains("release done 0", _daemon.Client("release", "-r", R1, "-p", pid).Stdout, StringComparison.Ordinal);
        Assert.Contains("release done -1", _daemon.Client("release", "-r", R1, "-p", pid).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_ForAnUnregisteredPid_IsRefusedWithEsrch_AndWithoutLockspaceWithEnospc()
    {
        Assert.Contains("acquire done -3", _daemon.Client("acquire", "-r", R1, "-p", "999999").Stdout, StringComparison.Ordinal);
        using var holder = PythonHolder.Start(_dir.RunDir, "LS", "R1", _dir.Lease("r1"));
        Assert.Equal("error 28", holder.Outcome);
    }

    [Fact]
    public void RemLockspace_LeavesAndInqReportsNotFound()
    {
        _daemon.Client("add_lockspace", "-s", Ls, "-o", "1").EnsureSuccess();
        Assert.Contains("rem_lockspace done 0", _daemon.Client("rem_lockspace", "-s", Ls).Stdout, StringComparison.Ordinal);
        Assert.Contains("inq_lockspace done -2", _daemon.Client("inq_lockspace", "-s", Ls).Stdout, StringComparison.Ordinal);
    }
}
