using System.Text.Json;
using Sanlock.OnDisk;
using Sanlock.UnitTests.OnDisk.Vectors;

namespace Sanlock.UnitTests.OnDisk;

/// <summary>
/// Every sector of every disk vector captured from sanlock 3.8.5 decodes to the fields of expected.json, and
/// re-encoding the decoded records reproduces the captured bytes (ignoring only the documented padding that
/// sanlock may leave uninitialised: request record 20..23, mode block 132..135).
/// </summary>
public class DiskVectorTests
{
    public static TheoryData<string> SectorVectors() =>
        new(DiskVectors.HexFiles().Where(f => ExpectedRecords.Of(f).TryGetProperty("records", out _)));

    [Fact]
    public void VectorDirectory_HoldsEveryDiskVectorOfExpectedJson()
    {
        var files = DiskVectors.HexFiles();
        var expected = ExpectedRecords.Root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, files);
        Assert.Equal(16, files.Count);
    }

    [Theory]
    [MemberData(nameof(SectorVectors))]
    public void EverySector_DecodesToExpectedFields_AndReencodesToSameBytes(string file)
    {
        var dump = HexDump.Load(DiskVectors.PathOf(file));
        var vector = ExpectedRecords.Of(file);
        int sectorSize = vector.GetProperty("sector_size").GetInt32();
        bool lockspace = vector.GetProperty("kind").GetString() == "lockspace";
        var sectors = ExpectedRecords.Sectors(file);
        Assert.NotEmpty(sectors);

        foreach (var (index, record) in sectors)
        {
            byte[] sector = dump.Read((long)index * sectorSize, sectorSize);
            string where = $"{file} sector {index}";
            switch (record.Text("type"))
            {
                case "leader":
                    CheckLeaderSector(sector, record, lockspace, where);
                    break;
                case "request":
                    CheckRequestSector(sector, record, where);
                    break;
                case "dblock":
                    Assert.Equal(record.U64("host_id"), (ulong)(index - 1));
                    CheckDblockSector(sector, record, where);
                    break;
                case "zero":
                    Assert.True(sector.AsSpan().IndexOfAnyExcept((byte)0) < 0, $"{where}: not all zero");
                    var (dblock, mode) = DblockSector.Decode(sector);
                    Assert.True(dblock.IsNeverWritten && dblock.IsChecksumValid, where);
                    Assert.False(mode.IsShared, where);
                    break;
                default:
                    Assert.Fail($"{where}: unknown record type {record.Text("type")}");
                    break;
            }
        }
    }

    [Fact]
    public void RindexVector_DecodesHeaderEntriesAndRindexLease_AndReencodes()
    {
        const string file = "rindex_formatted.hex";
        var dump = HexDump.Load(DiskVectors.PathOf(file));
        var vector = ExpectedRecords.Of(file);
        var expectedHeader = vector.GetProperty("rindex_header");
        ulong rxOffset = expectedHeader.U64("rx_offset");

        byte[] headerSector = dump.Read((long)rxOffset, 512);
        var header = RindexHeader.Decode(headerSector);
        Assert.Equal(expectedHeader.U32("magic"), header.Magic);
        Assert.Equal(expectedHeader.U32("version"), header.Version);
        Assert.Equal(expectedHeader.U32("flags"), header.Flags);
        Assert.Equal(expectedHeader.U32("sector_size"), header.SectorSize);
        Assert.Equal(expectedHeader.U32("max_resources"), header.MaxResources);
        Assert.Equal(expectedHeader.U32("unused"), header.Unused);
        Assert.Equal(rxOffset, header.RxOffset);
        Assert.Equal(expectedHeader.Text("lockspace_name"), header.LockspaceName.ToString());
        Assert.Equal(SanlockError.Ok, RindexValidation.CheckHeader(header, "LSX", rxOffset));
        Assert.True(header.TryGetGeometry(out var geometry));
        Assert.Equal(LeaseGeometry.Default, geometry);

        var rebuiltHeader = new byte[512];
        header.Encode(rebuiltHeader);
        Assert.Equal(headerSector, rebuiltHeader);

        // The format image's header sector is byte-identical to what sanlock wrote.
        var area = new byte[geometry.AlignSize];
        RindexFormat.Build(area, geometry, "LSX", rxOffset);
        Assert.Equal(headerSector, area[..512]);

        var entries = vector.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        var entrySector = new byte[512];
        for (int i = 0; i < entries.Count; i++)
        {
            long entryOffset = (long)entries[i].U64("entry_offset");
            Assert.Equal(RindexFormat.EntryOffset((long)rxOffset, geometry, i), entryOffset);
            byte[] raw = dump.Read(entryOffset, RindexEntry.Size);
            var entry = RindexEntry.Decode(raw);
            Assert.Equal(entries[i].U64("res_offset"), entry.ResOffset);
            Assert.Equal(entries[i].U32("flags"), entry.Flags);
            Assert.Equal(entries[i].Text("name"), entry.Name.ToString());
            Assert.False(entry.IsFree);
            Assert.Equal(i, RindexFormat.EntryIndex((long)rxOffset, geometry, (long)entry.ResOffset));
            entry.Encode(entrySector.AsSpan(i * RindexEntry.Size));
        }

        Assert.Equal(dump.Read(RindexFormat.EntryOffset((long)rxOffset, geometry, 0), 512), entrySector);
        Assert.True(RindexEntry.Decode(entrySector.AsSpan(2 * RindexEntry.Size)).IsFree);

        long leaseOffset = RindexFormat.RindexLeaseOffset((long)rxOffset, geometry);
        byte[] leaseSector = dump.Read(leaseOffset, 512);
        CheckLeaderFields(Leader.Decode(leaseSector), vector.GetProperty("rindex_lease_leader"), "rindex_lease");
        var leaseArea = new byte[geometry.AlignSize];
        RindexFormat.BuildRindexLease(leaseArea, geometry, "LSX");
        Assert.Equal(leaseSector, leaseArea[..512]);
    }

    private static void CheckLeaderSector(byte[] sector, JsonElement record, bool lockspace, string where)
    {
        var leader = Leader.Decode(sector);
        CheckLeaderFields(leader, record, where);

        var rebuilt = new byte[sector.Length];
        leader.EncodeWithStoredChecksum(rebuilt);
        if (lockspace)
        {
            var hosts = record.Ints("bitmap_hosts_set");
            Assert.Equal(hosts, HostBitmap.SetHosts(sector));
            foreach (int host in hosts)
            {
                Assert.True(HostBitmap.IsSet(sector, host), where);
                HostBitmap.Set(rebuilt, host);
            }
        }

        Assert.Equal(sector, rebuilt);

        // A fresh checksum reproduces the captured one.
        var copy = leader;
        var again = new byte[sector.Length];
        Assert.Equal(leader.Checksum, copy.Encode(again));
        Assert.Equal(sector.AsSpan(0, Leader.Size).ToArray(), again.AsSpan(0, Leader.Size).ToArray());
    }

    private static void CheckLeaderFields(Leader leader, JsonElement record, string where)
    {
        Assert.Equal(record.U32("magic"), leader.Magic);
        Assert.Equal(record.U32("version"), leader.Version);
        Assert.Equal(record.U32("flags"), leader.Flags);
        Assert.Equal(record.U32("sector_size"), leader.SectorSize);
        Assert.Equal(record.U64("num_hosts"), leader.NumHosts);
        Assert.Equal(record.U64("max_hosts"), leader.MaxHosts);
        Assert.Equal(record.U64("owner_id"), leader.OwnerId);
        Assert.Equal(record.U64("owner_generation"), leader.OwnerGeneration);
        Assert.Equal(record.U64("lver"), leader.Lver);
        Assert.Equal(record.Text("space_name"), leader.SpaceName.ToString());
        Assert.Equal(record.Text("resource_name"), leader.ResourceName.ToString());
        Assert.Equal(record.U64("timestamp"), leader.Timestamp);
        Assert.Equal(record.U64("unused1"), leader.Unused1);
        Assert.Equal(record.U32("checksum"), leader.Checksum);
        Assert.Equal(record.U32("unused2"), (uint)leader.Unused2);
        Assert.Equal(record.U32("io_timeout"), (uint)leader.IoTimeout);
        Assert.Equal(record.U64("write_id"), leader.WriteId);
        Assert.Equal(record.U64("write_generation"), leader.WriteGeneration);
        Assert.Equal(record.U64("write_timestamp"), leader.WriteTimestamp);
        Assert.True(record.Flag("checksum_ok") == leader.IsChecksumValid, $"{where}: checksum_ok");
        Assert.True(leader.TryGetGeometry(out _), $"{where}: geometry");
    }

    private static void CheckRequestSector(byte[] sector, JsonElement record, string where)
    {
        var request = RequestRecord.Decode(sector);
        Assert.Equal(record.U32("magic"), request.Magic);
        Assert.Equal(record.U32("version"), request.Version);
        Assert.Equal(record.U64("lver"), request.Lver);
        Assert.Equal(record.U32("force_mode"), request.ForceMode);
        Assert.Equal(SanlockError.Ok, request.Validate());

        var rebuilt = new byte[sector.Length];
        request.Encode(rebuilt);
        AssertEqualIgnoring(sector, rebuilt, RequestRecord.PaddingOffset, 4, where);
    }

    private static void CheckDblockSector(byte[] sector, JsonElement record, string where)
    {
        var (dblock, mode) = DblockSector.Decode(sector);
        Assert.Equal(record.U64("mbal"), dblock.Mbal);
        Assert.Equal(record.U64("bal"), dblock.Bal);
        Assert.Equal(record.U64("inp"), dblock.Inp);
        Assert.Equal(record.U64("inp2"), dblock.Inp2);
        Assert.Equal(record.U64("inp3"), dblock.Inp3);
        Assert.Equal(record.U64("lver"), dblock.Lver);
        Assert.Equal(record.U32("checksum"), dblock.Checksum);
        Assert.Equal(record.U32("flags"), dblock.Flags);
        Assert.Equal(record.U32("mb_flags"), mode.Flags);
        Assert.Equal(record.U64("mb_gen"), mode.Generation);
        Assert.True(record.Flag("checksum_ok") == dblock.IsChecksumValid, $"{where}: checksum_ok");

        var rebuilt = new byte[sector.Length];
        DblockSector.Encode(rebuilt, dblock, mode, recomputeChecksum: false);
        AssertEqualIgnoring(sector, rebuilt, ModeBlock.Offset + ModeBlock.PaddingOffset, 4, where);

        if (dblock.IsChecksumValid && !dblock.IsNeverWritten)
        {
            var fresh = new byte[sector.Length];
            Assert.Equal(dblock.Checksum, DblockSector.Encode(fresh, dblock, mode).Checksum);
            Assert.Equal(rebuilt, fresh);
        }
    }

    private static void AssertEqualIgnoring(byte[] expected, byte[] actual, int skipOffset, int skipLength, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (i >= skipOffset && i < skipOffset + skipLength)
            {
                continue;
            }

            Assert.True(expected[i] == actual[i], $"{where}: byte {i}: captured 0x{expected[i]:x2}, re-encoded 0x{actual[i]:x2}");
        }
    }
}
