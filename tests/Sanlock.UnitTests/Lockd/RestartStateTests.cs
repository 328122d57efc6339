using Sanlock.Libvirt.LockdPlugin;
using Sanlock.Lockd.Daemon;

namespace Sanlock.UnitTests.Lockd;

public class RestartStateTests
{
    [Fact]
    public void Format_ThenParse_GivesTheSameState()
    {
        var state = new RestartState(
            Magic: 4242,
            ListenFd: 3,
            OwnsSocketPath: true,
            Clients: [new RestartClient(7, 100, 0, 100), new RestartClient(8, 200, 1000, null)],
            Owners: new Dictionary<int, ulong> { [100] = 123456789012, [300] = 5 },
            Locks:
            [
                new RestartLock(9, new LockdResource(string.Empty, "/img/a b é", false, false, LockdNamingScheme.Direct), "/img/a b é", [100]),
                new RestartLock(10, new LockdResource("/locks", "6f71", true, true, LockdNamingScheme.FileHash), "/img/s", [100, 300]),
            ]);

        var parsed = RestartState.Parse(state.Format());

        Assert.Equal(state.Magic, parsed.Magic);
        Assert.Equal(state.ListenFd, parsed.ListenFd);
        Assert.True(parsed.OwnsSocketPath);
        Assert.Equal(state.Clients, parsed.Clients);
        Assert.Equal(state.Owners, parsed.Owners);
        Assert.Equal(state.Locks, parsed.Locks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("something else\nmagic 1\n")]
    [InlineData("sanlock-lockd-restart 1\nbogus 1\n")]
    public void Parse_OfAForeignFile_Throws(string text)
    {
        Assert.Throws<FormatException>(() => RestartState.Parse(text));
    }
}
