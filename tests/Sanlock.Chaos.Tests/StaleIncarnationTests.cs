namespace Sanlock.Chaos.Tests;

/// <summary>The soak's double holder (seed 1304): the real host 1 was granted disk 2 under generation 2 after its
/// lockspace had failed and been added again as generation 3; our host 2 rightly took the lease 358 ms later.</summary>
public sealed class StaleIncarnationTests
{
    [Fact]
    public void Check_WhenOursTakesOverARealHostsStaleIncarnationGrant_ReportsARealDefectNotAViolation()
    {
        var result = new History().RealHost(1)
            .AcquireUnder(0, 1, 2437, 2, 402, leaderGeneration: 2, lockspaceGeneration: 3).Release(786, 1, 2437, 2)
            .AcquireUnder(358, 2, 3063, 2, 404, leaderGeneration: 4, lockspaceGeneration: 4).Release(831, 2, 3063, 2)
            .Check();

        Assert.Empty(result.Violations);
        Assert.Equal(Checker.TwoHolders, Assert.Single(result.RealDefects).Rule);
    }

    [Fact]
    public void Check_WhenOurHostIsGrantedUnderAnOlderGeneration_ReportsStaleIncarnationGrant()
    {
        var result = new History()
            .AcquireUnder(0, 2, 100, 0, 7, leaderGeneration: 3, lockspaceGeneration: 4).Release(500, 2, 100, 0)
            .Check();

        Assert.Equal(Checker.StaleIncarnationGrant, Assert.Single(result.Violations).Rule);
    }

    [Fact]
    public void Check_WhenARealHostsCurrentGenerationHoldIsOverlapped_StillReportsTwoHolders()
    {
        var result = new History().RealHost(1)
            .AcquireUnder(0, 1, 100, 0, 5, leaderGeneration: 3, lockspaceGeneration: 3).Release(1000, 1, 100, 0)
            .AcquireUnder(500, 2, 200, 0, 6, leaderGeneration: 1, lockspaceGeneration: 1).Release(1500, 2, 200, 0)
            .Check();

        Assert.Equal(Checker.TwoHolders, Assert.Single(result.Violations).Rule);
        Assert.Empty(result.RealDefects);
    }

    [Fact]
    public void Check_WhenTheStaleRealGrantCameSecond_StillReportsTwoHolders()
    {
        var result = new History().RealHost(1)
            .AcquireUnder(0, 2, 200, 0, 6, leaderGeneration: 1, lockspaceGeneration: 1).Release(1000, 2, 200, 0)
            .AcquireUnder(500, 1, 100, 0, 7, leaderGeneration: 2, lockspaceGeneration: 3).Release(1500, 1, 100, 0)
            .Check();

        Assert.Equal(Checker.TwoHolders, Assert.Single(result.Violations).Rule);
    }

    [Theory]
    [InlineData(1, "generation=2 leader=1/2 lockspace_generation=3", true)]
    [InlineData(1, "generation=2 leader=1/3 lockspace_generation=3", false)]
    [InlineData(1, "generation=2 leader=2/2 lockspace_generation=3", false)]
    [InlineData(1, "generation=2 leader=-1/-1 lockspace_generation=3", false)]
    [InlineData(1, "generation=2 leader=1/2 lockspace_generation=-1", false)]
    [InlineData(1, "generation=2", false)]
    public void IsStale_ComparesTheLeadersGenerationOfTheHoldersOwnHostWithItsLockspaceGeneration(int host, string detail, bool stale) =>
        Assert.Equal(stale, GrantIncarnation.IsStale(host, detail));

    [Fact]
    public void Describe_ReadsOwnerAndGenerationFromTheLeaderOnDisk()
    {
        string path = Path.Combine(Path.GetTempPath(), "grant-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sector = new byte[512];
            new Sanlock.OnDisk.Leader { OwnerId = 1, OwnerGeneration = 2 }.EncodeWithStoredChecksum(sector);
            File.WriteAllBytes(path, sector);

            Assert.Equal("leader=1/2 lockspace_generation=3", GrantIncarnation.Describe(path, 3));
            Assert.Equal("leader=-1/-1 lockspace_generation=3", GrantIncarnation.Describe(path + ".missing", 3));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
