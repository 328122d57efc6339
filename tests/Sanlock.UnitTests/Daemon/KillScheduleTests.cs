using Sanlock.Daemon.Killing;
using Sanlock.Protocol.Flags;

namespace Sanlock.UnitTests.Daemon;

public class KillScheduleTests
{
    private static readonly TimeSpan _lastRenewal = TimeSpan.FromSeconds(1000);
    private static readonly TimeSpan _renewalFail = TimeSpan.FromSeconds(80);

    [Fact]
    public void Next_DuringGraceWithoutKillPath_IsSigterm() =>
        Assert.Equal(KillAction.Sigterm, KillSchedule.Next(TimeSpan.FromSeconds(1100), _lastRenewal, _renewalFail, 40, false, false));

    [Fact]
    public void Next_DuringGraceWithKillPath_RunsItOnceThenWaits()
    {
        Assert.Equal(KillAction.RunKillPath, KillSchedule.Next(TimeSpan.FromSeconds(1100), _lastRenewal, _renewalFail, 40, true, false));
        Assert.Equal(KillAction.Wait, KillSchedule.Next(TimeSpan.FromSeconds(1101), _lastRenewal, _renewalFail, 40, true, true));
    }

    [Fact]
    public void Next_AfterLastRenewalPlus8TPlusGrace_IsSigkill() =>
        Assert.Equal(KillAction.Sigkill, KillSchedule.Next(TimeSpan.FromSeconds(1120), _lastRenewal, _renewalFail, 40, true, true));

    [Fact]
    public void Next_WithGraceZero_IsSigkillAtOnce() =>
        Assert.Equal(KillAction.Sigkill, KillSchedule.Next(TimeSpan.FromSeconds(1081), _lastRenewal, _renewalFail, 0, true, false));

    [Theory]
    [InlineData(0u, 9, 9)]
    [InlineData(0u, 15, 15)]
    [InlineData(CommandFlags.RestrictSigkill, 9, 15)]
    [InlineData(CommandFlags.RestrictSigterm, 15, 9)]
    [InlineData(CommandFlags.RestrictSigkill, 15, 15)]
    public void SignalFor_AppliesRestrictSubstitutions(uint restricted, int wanted, int sent) =>
        Assert.Equal(sent, Signals.For(restricted, wanted));

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a b", new[] { "a", "b" })]
    [InlineData("arg\\ one b", new[] { "arg one", "b" })]
    [InlineData("x\\\\y  z", new[] { "x\\y", "z" })]
    public void KillPathArgs_SplitAtUnescapedWhiteSpace(string args, string[] expected) =>
        Assert.Equal(expected, KillPathArgs.Split(args));
}
