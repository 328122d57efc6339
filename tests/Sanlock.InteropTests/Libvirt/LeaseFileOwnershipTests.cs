using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Libvirt;

/// <summary>Files created for a configured <c>user</c>/<c>group</c> (spec libvirt §3.2, §4.3, §8): the lockspace
/// file 0660 (group set), lease files 0600 even with a group, both chowned and 1 MiB; an existing lockspace file
/// with the wrong owner or without group read/write is repaired at the next start.</summary>
public sealed class LeaseFileOwnershipTests : IDisposable
{
    private const string User = "lvtest-owner";
    private const string Group = "lvtest-group";
    private readonly LibvirtHosts _hosts = new();

    public LeaseFileOwnershipTests()
    {
        if (Tools.Run("/usr/bin/getent", ["group", Group]).ExitCode != 0)
        {
            Tools.Run("/usr/sbin/groupadd", ["--system", Group]).EnsureSuccess();
        }
        if (Tools.Run("/usr/bin/id", [User]).ExitCode != 0)
        {
            Tools.Run("/usr/sbin/useradd", ["--system", "--no-create-home", "--user-group", User]).EnsureSuccess();
        }
    }

    public void Dispose() => _hosts.Dispose();

    [Fact]
    public void CreatedFiles_BelongToConfiguredUserAndGroup_WithTheSpecsModes()
    {
        string extra = $"user = \"{User}\"\ngroup = \"{Group}\"\n";
        _hosts.StartJoinedHost(1, extra);
        string conf = Path.Combine(_hosts.Dir.Root, "host1.conf");

        LibvirtHosts.Cli(_hosts.RunDir(1), "disk", "run", "--config", conf, "/img/a", "--shared", "/img/b", "--", "/bin/true").EnsureSuccess();

        Assert.Equal((User, Group, "660", 1L << 20), LibvirtHosts.StatOf(_hosts.LockspacePath));
        Assert.Equal((User, Group, "600", 1L << 20), LibvirtHosts.StatOf(_hosts.LeaseFile("/img/a")));
        Assert.Equal((User, Group, "600", 1L << 20), LibvirtHosts.StatOf(_hosts.LeaseFile("/img/b")));
    }

    [Fact]
    public void ExistingLockspaceFile_WithWrongOwnerAndMode_IsRepairedAtStart()
    {
        _hosts.StartJoinedHost(1);
        Tools.Run("/bin/chmod", ["600", _hosts.LockspacePath]).EnsureSuccess();
        Assert.Equal(("root", "root", "600", 1L << 20), LibvirtHosts.StatOf(_hosts.LockspacePath));

        _hosts.StartJoinedHost(2, $"user = \"{User}\"\ngroup = \"{Group}\"\n");

        Assert.Equal((User, Group, "660", 1L << 20), LibvirtHosts.StatOf(_hosts.LockspacePath));
    }
}
