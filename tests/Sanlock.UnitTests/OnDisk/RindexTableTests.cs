using Sanlock.OnDisk;

namespace Sanlock.UnitTests.OnDisk;

public class RindexTableTests
{
    private const ulong Slot0 = 2UL << 20;
    private const ulong Slot1 = 3UL << 20;
    private const ulong Slot2 = 4UL << 20;

    private static RindexTable NewTable(uint maxResources = 0)
    {
        var geometry = LeaseGeometry.Default;
        var area = new byte[geometry.AlignSize];
        var header = RindexFormat.Build(area, geometry, "LS", 0, maxResources);
        return new RindexTable(area, geometry, header);
    }

    [Fact]
    public void Lookup_Neither_GivesFirstSlotWithOffsetZero_EvenPastAnEntryWithoutName()
    {
        var table = NewTable();
        table.Set(0, new RindexEntry { ResOffset = Slot0 });
        var (result, entry) = table.Lookup(LeaseName.Empty, 0);
        Assert.Equal(SanlockError.Ok, result);
        Assert.Equal(Slot1, entry.ResOffset);
        Assert.True(entry.Name.IsEmpty);
    }

    [Fact]
    public void Lookup_ByName_FirstMatchWins_AndOffsetMustAgree()
    {
        var table = NewTable();
        table.Set(0, new RindexEntry { ResOffset = Slot0, Name = "r1" });
        table.Set(1, new RindexEntry { ResOffset = Slot1, Name = "r1" });
        Assert.Equal((SanlockError.Ok, new RindexEntry { ResOffset = Slot0, Name = "r1" }), table.Lookup("r1", 0));
        Assert.Equal(SanlockError.RindexDiff, table.Lookup("r1", Slot1).Result);
        Assert.Equal(SanlockError.ENOENT, table.Lookup("zz", 0).Result);
    }

    [Fact]
    public void Lookup_ByOffset_AnswersTheAskedOffsetAndTheSlotName_RejectsNonSlots()
    {
        var table = NewTable();
        table.Set(1, new RindexEntry { ResOffset = Slot1, Name = "r2" });
        Assert.Equal((SanlockError.Ok, new RindexEntry { ResOffset = Slot1, Name = "r2" }), table.Lookup(LeaseName.Empty, Slot1));
        Assert.Equal((SanlockError.Ok, new RindexEntry { ResOffset = Slot2 }), table.Lookup(LeaseName.Empty, Slot2));
        Assert.Equal(SanlockError.RindexOffset, table.Lookup(LeaseName.Empty, Slot2 + 1).Result);
        Assert.Equal(SanlockError.RindexOffset, table.Lookup(LeaseName.Empty, 1UL << 20).Result);
    }

    [Fact]
    public void Lookup_Neither_WhenFull_ReturnsENOSPC()
    {
        var table = NewTable(maxResources: 2);
        table.Set(0, new RindexEntry { ResOffset = Slot0, Name = "a" });
        table.Set(1, new RindexEntry { ResOffset = Slot1, Name = "b" });
        Assert.Equal(SanlockError.ENOSPC, table.Lookup(LeaseName.Empty, 0).Result);
        Assert.Equal(-1, table.IndexOf(Slot2));
    }

    [Fact]
    public void Update_AddNeedsNameAndOffset_RemoveClearsWhateverName()
    {
        var table = NewTable();
        Assert.Equal(SanlockError.EINVAL, table.Update("r9", 0, add: true).Result);
        Assert.Equal(SanlockError.EINVAL, table.Update(LeaseName.Empty, Slot2, add: true).Result);
        var (result, written, index) = table.Update("r9", Slot2, add: true);
        Assert.Equal((SanlockError.Ok, 2), (result, index));
        Assert.Equal(new RindexEntry { ResOffset = Slot2, Name = "r9" }, written);
        Assert.Equal(written, table.Get(2));
        Assert.Equal(SanlockError.EINVAL, table.Update("r9", 0, add: false).Result);
        Assert.Equal(SanlockError.Ok, table.Update("other", Slot2, add: false).Result);
        Assert.True(table.Get(2).IsFree);
    }

    [Fact]
    public void SetFromLeader_KeepsPaxosLeaders_DropsClearedAndMissing()
    {
        var table = NewTable();
        var geometry = LeaseGeometry.Default;
        table.SetFromLeader(0, ResourceFormat.FreshLeader(geometry, "LS", "r1", 0));
        table.SetFromLeader(1, ResourceFormat.FreshLeader(geometry, "LS", "r2", 0, clear: true, now: 5));
        table.SetFromLeader(2, null);
        Assert.Equal(new RindexEntry { ResOffset = Slot0, Name = "r1" }, table.Get(0));
        Assert.True(table.Get(1).IsFree);
        Assert.True(table.Get(2).IsFree);
    }

    [Fact]
    public void Sectors_EntryNineIsInTheSecondEntrySector_AllEntriesSpan512Sectors()
    {
        var table = NewTable();
        Assert.Equal((1024, 512), table.SectorOf(9));
        Assert.Equal((512, 4096 * 64), table.EntrySectors());
    }
}
