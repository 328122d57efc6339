using Sanlock.Libvirt.SanlockPlugin;

namespace Sanlock.UnitTests.Libvirt;

public sealed class LockspaceRaceRetryTests
{
    [Theory]
    [InlineData(-223)]
    [InlineData(-220)]
    [InlineData(-229)]
    [InlineData(-19)]
    [InlineData(-2)]
    public void ShouldRetry_WhenAnotherHostIsStillWritingTheFile_IsTrue(int result) =>
        Assert.True(LockspaceRaceRetry.ShouldRetry(result, createdByUs: false, setup: 1));

    [Theory]
    [InlineData(-262)] // host_id in use: waiting does not help
    [InlineData(-22)]
    [InlineData(-13)]
    [InlineData(-243)]
    public void ShouldRetry_ForLastingErrors_IsFalse(int result) =>
        Assert.False(LockspaceRaceRetry.ShouldRetry(result, createdByUs: false, setup: 1));

    [Fact]
    public void ShouldRetry_WhenThisHostCreatedTheFile_IsFalse() =>
        Assert.False(LockspaceRaceRetry.ShouldRetry(-223, createdByUs: true, setup: 1));

    [Fact]
    public void ShouldRetry_StopsAtTheLastSetup()
    {
        Assert.True(LockspaceRaceRetry.ShouldRetry(-223, createdByUs: false, setup: LockspaceRaceRetry.MaxSetups - 1));
        Assert.False(LockspaceRaceRetry.ShouldRetry(-223, createdByUs: false, setup: LockspaceRaceRetry.MaxSetups));
    }
}
