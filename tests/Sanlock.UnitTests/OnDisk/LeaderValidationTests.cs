using Sanlock.OnDisk;

namespace Sanlock.UnitTests.OnDisk;

/// <summary>The §3 validation rules and their order: the first failing check decides the result.</summary>
public class LeaderValidationTests
{
    private static Leader Delta() => LockspaceFormat.FreeLeader(LeaseGeometry.Default, "LS", 10);

    private static Leader Paxos() => ResourceFormat.FreshLeader(LeaseGeometry.Default, "LS", "R1", 10);

    private static Leader Resealed(Leader leader) => leader with { Checksum = leader.ComputeChecksum() };

    [Fact]
    public void CheckDelta_ValidLeader_IsOk() => Assert.Equal(SanlockError.Ok, LeaderValidation.CheckDelta(Delta(), "LS"));

    [Fact]
    public void CheckDelta_EverythingWrong_ReportsMagicFirst()
    {
        var bad = Delta() with { Magic = Leader.PaxosMagic, Version = 0x00070000, SpaceName = "other", Checksum = 1 };
        Assert.Equal(SanlockError.LeaderMagic, LeaderValidation.CheckDelta(bad, "LS"));
        Assert.Equal(SanlockError.LeaderVersion, LeaderValidation.CheckDelta(bad with { Magic = Leader.DeltaMagic }, "LS"));
        Assert.Equal(SanlockError.LeaderLockspace, LeaderValidation.CheckDelta(bad with { Magic = Leader.DeltaMagic, Version = 0x0003FFFF }, "LS"));
        Assert.Equal(SanlockError.LeaderChecksum, LeaderValidation.CheckDelta(bad with { Magic = Leader.DeltaMagic, Version = 0x0003FFFF, SpaceName = "LS" }, "LS"));
    }

    [Theory]
    [InlineData(0x00030000u)]
    [InlineData(0x00031234u)]
    [InlineData(0x0003FFFFu)]
    public void CheckDelta_OnlyTheMajorVersionCounts(uint version) =>
        Assert.Equal(SanlockError.Ok, LeaderValidation.CheckDelta(Resealed(Delta() with { Version = version }), "LS"));

    [Fact]
    public void CheckDelta_IgnoresOwnerIdAndSectorSize() =>
        Assert.Equal(SanlockError.Ok, LeaderValidation.CheckDelta(Resealed(Delta() with { OwnerId = 99999, SectorSize = 7 }), "LS"));

    [Fact]
    public void CheckDelta_ChecksumCoversTimestampButNotIoTimeoutOrWriteFields()
    {
        var leader = Delta();
        Assert.Equal(SanlockError.LeaderChecksum, LeaderValidation.CheckDelta(leader with { Timestamp = 5 }, "LS"));
        Assert.Equal(SanlockError.Ok, LeaderValidation.CheckDelta(leader with { IoTimeout = 99, WriteId = 1, WriteGeneration = 2, WriteTimestamp = 3 }, "LS"));
    }

    [Fact]
    public void CheckPaxos_EverythingWrong_FollowsTheSpecOrder()
    {
        var bad = Paxos() with { Magic = Leader.DeltaMagic, Version = 0x00030004, SpaceName = "x", ResourceName = "y", NumHosts = 1, Checksum = 1 };
        Assert.Equal(SanlockError.LeaderMagic, LeaderValidation.CheckPaxos(bad, "LS", "R1", 5));
        bad = bad with { Magic = Leader.PaxosMagic };
        Assert.Equal(SanlockError.LeaderVersion, LeaderValidation.CheckPaxos(bad, "LS", "R1", 5));
        bad = bad with { Version = 0x00060001 };
        Assert.Equal(SanlockError.LeaderLockspace, LeaderValidation.CheckPaxos(bad, "LS", "R1", 5));
        bad = bad with { SpaceName = "LS" };
        Assert.Equal(SanlockError.LeaderResource, LeaderValidation.CheckPaxos(bad, "LS", "R1", 5));
        bad = bad with { ResourceName = "R1" };
        Assert.Equal(SanlockError.LeaderNumHosts, LeaderValidation.CheckPaxos(bad, "LS", "R1", 5));
        bad = bad with { NumHosts = 5 };
        Assert.Equal(SanlockError.LeaderChecksum, LeaderValidation.CheckPaxos(bad, "LS", "R1", 5));
        Assert.Equal(SanlockError.Ok, LeaderValidation.CheckPaxos(Resealed(bad), "LS", "R1", 5));
    }

    [Fact]
    public void CheckPaxos_ClearMagic_IsLeaderMagic_EvenWithValidChecksum()
    {
        var cleared = Resealed(Paxos() with { Magic = Leader.ClearMagic });
        Assert.Equal(SanlockError.LeaderMagic, LeaderValidation.CheckPaxos(cleared, "LS", "R1", 1));
        var ex = Assert.Throws<SanlockException>(() => LeaderValidation.EnsurePaxos(cleared, "LS", "R1", 1, "/dev/x:0"));
        Assert.Equal(-223, ex.Code);
        Assert.Contains("0x11282016", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/dev/x:0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckPaxos_HostIdZero_SkipsNumHostsCheck() =>
        Assert.Equal(SanlockError.Ok, LeaderValidation.CheckPaxos(Resealed(Paxos() with { NumHosts = 0 }), "LS", "R1", 0));

    [Fact]
    public void CheckPaxos_NamesCompareUpToFirstNul()
    {
        byte[] field = new byte[LeaseName.Size];
        "R1"u8.CopyTo(field);
        field[10] = 0x55; // garbage after the terminator does not make the name differ
        var leader = Resealed(Paxos() with { ResourceName = LeaseName.FromBytes(field) });
        Assert.Equal(SanlockError.Ok, LeaderValidation.CheckPaxos(leader, "LS", "R1", 1));
        Assert.Equal(SanlockError.LeaderResource, LeaderValidation.CheckPaxos(leader, "LS", "R", 1));
        Assert.Equal(SanlockError.LeaderResource, LeaderValidation.CheckPaxos(leader, "LS", "R1x", 1));
    }

    [Fact]
    public void EnsureDelta_NamesFieldAndBothValues()
    {
        var ex = Assert.Throws<SanlockException>(() => LeaderValidation.EnsureDelta(Delta(), "other", "/var/lib/ls:0 host 1"));
        Assert.Equal(SanlockError.LeaderLockspace, ex.Error);
        Assert.Contains("space_name \"LS\" is not \"other\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/var/lib/ls:0 host 1", ex.Message, StringComparison.Ordinal);

        var corrupt = Delta() with { Checksum = 0x1234 };
        ex = Assert.Throws<SanlockException>(() => LeaderValidation.EnsureDelta(corrupt, "LS", "here"));
        Assert.Contains("0x00001234", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"0x{Delta().Checksum:x8}", ex.Message, StringComparison.Ordinal);
    }
}
