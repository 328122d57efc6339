using Sanlock.Cli.Libvirt;
using Sanlock.Daemon;
using Sanlock.Libvirt;
using Sanlock.TestKit;

namespace Sanlock.UnitTests.Cli;

public sealed class DiskArgumentsTests
{
    [Fact]
    public void Parse_Run_KeepsDiskOrderFlagsAndCommand()
    {
        var parsed = DiskArguments.Parse(["--config", "/c", "/a", "--shared", "/s", "--readonly", "/r", "--", "qemu", "-m", "1"], takesCommand: true, out string? error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Equal([new OfferedDisk("/a"), new OfferedDisk("/s", Shared: true), new OfferedDisk("/r", ReadOnly: true)], parsed.Disks);
        Assert.Equal("/c", parsed.ConfigPath);
        Assert.Equal(["qemu", "-m", "1"], parsed.Command);
    }

    [Fact]
    public void Parse_WithoutConfig_UsesLibvirtsDefaultPath()
    {
        var parsed = DiskArguments.Parse(["--pid", "42", "/a"], takesCommand: false, out _);

        Assert.Equal((42, QemuSanlockConfig.DefaultPath), (parsed!.Pid, parsed.ConfigPath));
    }

    [Theory]
    [InlineData(true, "missing -- COMMAND", "/a")]
    [InlineData(true, "-- needs a command after it", "/a", "--")]
    [InlineData(false, "--pid needs a process id, got \"0\"", "--pid", "0")]
    [InlineData(false, "--shared needs a value", "--shared")]
    [InlineData(false, "unknown option \"-x\"", "-x")]
    public void Parse_BadArguments_NameTheProblem(bool takesCommand, string expected, params string[] args)
    {
        var parsed = DiskArguments.Parse(args, takesCommand, out string? error);

        Assert.Null(parsed);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void DaemonStartup_RemovesLibvirtOptions_AndAddsTheJoinOnlyInAutoMode()
    {
        using var dir = new TempLeaseDir("libvirt-daemon-args");
        string auto = dir.CreateFile("auto.conf", "auto_disk_leases = 1\nhost_id = 4\n"u8);
        string manual = dir.CreateFile("manual.conf", "auto_disk_leases = 0\n"u8);
        var withAuto = new DaemonOptions();
        var withManual = new DaemonOptions();

        var rest = LibvirtDaemonStartup.Apply(["-D", "--libvirt-conf", auto, "--libvirt-lenient", "-w", "0"], withAuto, out string? error);
        LibvirtDaemonStartup.Apply(["--libvirt-conf", manual], withManual, out _);

        Assert.Null(error);
        Assert.Equal(["-D", "-w", "0"], rest!);
        Assert.Single(withAuto.StartupTasks);
        Assert.Empty(withManual.StartupTasks);
    }

    [Fact]
    public void DaemonStartup_BadConfigOrLoneLenient_IsAnError()
    {
        using var dir = new TempLeaseDir("libvirt-daemon-args");
        string bad = dir.CreateFile("bad.conf", "auto_disk_leases = 1\n"u8);

        Assert.Null(LibvirtDaemonStartup.Apply(["--libvirt-conf", bad], new DaemonOptions(), out string? error));
        Assert.Equal("internal error: Automatic disk lease mode enabled, but no host ID is set", error);
        Assert.Null(LibvirtDaemonStartup.Apply(["--libvirt-lenient"], new DaemonOptions(), out error));
        Assert.Equal("--libvirt-lenient needs --libvirt-conf", error);
        Assert.Null(LibvirtDaemonStartup.Apply(["--libvirt-conf"], new DaemonOptions(), out error));
        Assert.Equal("--libvirt-conf needs a value", error);
    }
}
