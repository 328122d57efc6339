using Sanlock.Daemon.Killing;
using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;

namespace Sanlock.UnitTests.Daemon;

public class RequestKillTests
{
    [Theory]
    [InlineData(RequestRecord.ForceKill, false, KillAction.Sigkill)]
    [InlineData(RequestRecord.ForceKill, true, KillAction.Sigkill)]
    [InlineData(RequestRecord.ForceGraceful, true, KillAction.RunKillPath)]
    [InlineData(RequestRecord.ForceGraceful, false, KillAction.Sigterm)]
    public void For_ForceMode_ChoosesTheSpecAction(uint force, bool hasKillPath, KillAction expected) =>
        Assert.Equal(expected, RequestKill.For(force, hasKillPath));

    [Theory]
    [InlineData(RequestRecord.ForceNone)]
    [InlineData(3u)]
    public void For_NoOrUnknownForceMode_DoesNothing(uint force) => Assert.Null(RequestKill.For(force, hasKillPath: true));

    [Theory]
    [InlineData(4ul, RequestRecord.ForceKill, 3ul, true)]
    [InlineData(3ul, RequestRecord.ForceKill, 3ul, false)]
    [InlineData(4ul, RequestRecord.ForceNone, 3ul, false)]
    [InlineData(0ul, RequestRecord.ForceKill, 0ul, false)]
    public void RequestApplies_OnlyANewerForcedRequest(ulong lver, uint force, ulong held, bool applies) =>
        Assert.Equal(applies, PaxosLease.RequestApplies(RequestRecord.Empty with { Lver = lver, ForceMode = force }, held));
}
