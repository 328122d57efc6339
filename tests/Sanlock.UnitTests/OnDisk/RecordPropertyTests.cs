using FsCheck.Xunit;
using Sanlock.OnDisk;

namespace Sanlock.UnitTests.OnDisk;

/// <summary>
/// Round trips for random field values, and decoding of random garbage: records decode from any bytes without
/// throwing, validation returns a result code, and decoders never look beyond the span they are given.
/// </summary>
public class RecordPropertyTests
{
    [Property(MaxTest = 300)]
    public bool Leader_EncodeThenDecode_ReturnsTheSameFields(
        uint magic, uint version, uint flags, uint sectorSize, ulong numHosts, ulong maxHosts, ulong ownerId, ulong ownerGeneration,
        ulong lver, byte[] spaceName, byte[] resourceName, ulong timestamp, ulong unused1, ushort unused2, ushort ioTimeout,
        ulong writeId, ulong writeGeneration, ulong writeTimestamp)
    {
        var leader = new Leader
        {
            Magic = magic, Version = version, Flags = flags, SectorSize = sectorSize, NumHosts = numHosts, MaxHosts = maxHosts,
            OwnerId = ownerId, OwnerGeneration = ownerGeneration, Lver = lver, SpaceName = LeaseName.FromBytes(spaceName ?? []),
            ResourceName = LeaseName.FromBytes(resourceName ?? []), Timestamp = timestamp, Unused1 = unused1, Unused2 = unused2,
            IoTimeout = ioTimeout, WriteId = writeId, WriteGeneration = writeGeneration, WriteTimestamp = writeTimestamp,
        };
        var buffer = new byte[Leader.Size];
        uint checksum = leader.Encode(buffer);
        var decoded = Leader.Decode(buffer);
        return decoded == leader && leader.Checksum == checksum && decoded.IsChecksumValid
            && checksum == SanlockChecksum.ComputeWithTable(buffer.AsSpan(0, Leader.ChecksumLength));
    }

    [Property(MaxTest = 300)]
    public bool Dblock_EncodeThenDecode_ReturnsTheSameFields(ulong mbal, ulong bal, ulong inp, ulong inp2, ulong inp3, ulong lver, uint flags)
    {
        var dblock = new PaxosDblock { Mbal = mbal, Bal = bal, Inp = inp, Inp2 = inp2, Inp3 = inp3, Lver = lver, Flags = flags };
        var buffer = new byte[PaxosDblock.Size];
        dblock.Encode(buffer);
        var decoded = PaxosDblock.Decode(buffer);
        return decoded == dblock && decoded.IsChecksumValid;
    }

    [Property(MaxTest = 200)]
    public bool SmallRecords_EncodeThenDecode_ReturnTheSameFields(uint a, uint b, ulong c, uint d, ulong e, byte[] name)
    {
        var request = new RequestRecord { Magic = a, Version = b, Lver = c, ForceMode = d };
        var mode = new ModeBlock { Flags = a, Generation = e };
        var header = new RindexHeader
        {
            Magic = a, Version = b, Flags = d, SectorSize = a ^ d, MaxResources = b ^ d, Unused = d, RxOffset = c,
            LockspaceName = LeaseName.FromBytes(name ?? []),
        };
        var entry = new RindexEntry { ResOffset = e, Flags = a, Unused = b, Name = LeaseName.FromBytes(name ?? []) };

        var buffer = new byte[RindexHeader.Size];
        request.Encode(buffer);
        bool ok = RequestRecord.Decode(buffer) == request;
        mode.Encode(buffer);
        ok &= ModeBlock.Decode(buffer) == mode;
        header.Encode(buffer);
        ok &= RindexHeader.Decode(buffer) == header;
        entry.Encode(buffer);
        return ok && RindexEntry.Decode(buffer) == entry;
    }

    [Property(MaxTest = 200)]
    public bool RandomSector_DecodesAndValidatesWithoutThrowing_AndReencodesByteForByte(int seed, bool large)
    {
        var sector = new byte[large ? 4096 : 512];
        new Random(seed).NextBytes(sector);

        var leader = Leader.Decode(sector);
        var leaderBytes = new byte[Leader.Size];
        leader.EncodeWithStoredChecksum(leaderBytes);
        bool ok = leaderBytes.AsSpan().SequenceEqual(sector.AsSpan(0, Leader.Size));
        ok &= leader.IsChecksumValid == (leader.Checksum == SanlockChecksum.Compute(sector.AsSpan(0, Leader.ChecksumLength)));

        var delta = LeaderValidation.CheckDelta(leader, "LS");
        var paxos = LeaderValidation.CheckPaxos(leader, "LS", "R1", 1);
        ok &= delta is SanlockError.Ok or SanlockError.LeaderMagic or SanlockError.LeaderVersion or SanlockError.LeaderLockspace or SanlockError.LeaderChecksum;
        ok &= paxos is SanlockError.Ok or SanlockError.LeaderMagic or SanlockError.LeaderVersion or SanlockError.LeaderLockspace
            or SanlockError.LeaderResource or SanlockError.LeaderNumHosts or SanlockError.LeaderChecksum;
        _ = LeaderValidation.Describe(paxos, leader, "LS", "R1", 1, "random");
        _ = leader.TryGetGeometry(out _);
        _ = HostBitmap.SetHosts(sector);

        var (dblock, mode) = DblockSector.Decode(sector);
        var dblockBytes = new byte[PaxosDblock.Size];
        dblock.EncodeWithStoredChecksum(dblockBytes);
        ok &= dblockBytes.AsSpan().SequenceEqual(sector.AsSpan(0, PaxosDblock.Size));
        _ = dblock.IsChecksumValid;
        _ = mode.IsShared;

        var request = RequestRecord.Decode(sector);
        ok &= request.Validate() is SanlockError.Ok or SanlockError.RequestMagic or SanlockError.RequestVersion;
        var header = RindexHeader.Decode(sector);
        ok &= RindexValidation.CheckHeader(header, "LS", 0) is SanlockError.Ok
            or SanlockError.RindexMagic or SanlockError.RindexVersion or SanlockError.RindexLockspace or SanlockError.RindexOffset;
        _ = header.TryGetGeometry(out _);
        _ = RindexEntry.Decode(sector).IsFree;
        _ = leader.ToString();
        return ok;
    }

    [Fact]
    public void Decoders_ReadOnlyTheirRecord_SoExactlySizedSpansWork_AndShorterOnesThrowArgumentException()
    {
        // Exactly-sized arrays: any read past the record would throw IndexOutOfRange.
        _ = Leader.Decode(new byte[Leader.Size]);
        _ = PaxosDblock.Decode(new byte[PaxosDblock.Size]);
        _ = ModeBlock.Decode(new byte[ModeBlock.Size]);
        _ = RequestRecord.Decode(new byte[RequestRecord.Size]);
        _ = RindexHeader.Decode(new byte[RindexHeader.Size]);
        _ = RindexEntry.Decode(new byte[RindexEntry.Size]);

        var ex = Assert.Throws<ArgumentException>(() => Leader.Decode(new byte[Leader.Size - 1]));
        Assert.Contains("199", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PaxosDblock.Decode(new byte[PaxosDblock.Size - 1]));
        Assert.Throws<ArgumentException>(() => ModeBlock.Decode(new byte[ModeBlock.Size - 1]));
        Assert.Throws<ArgumentException>(() => RequestRecord.Decode(new byte[RequestRecord.Size - 1]));
        Assert.Throws<ArgumentException>(() => RindexHeader.Decode(new byte[RindexHeader.Size - 1]));
        Assert.Throws<ArgumentException>(() => RindexEntry.Decode(new byte[RindexEntry.Size - 1]));
        Assert.Throws<ArgumentException>(() => DblockSector.Decode(new byte[ModeBlock.Offset + ModeBlock.Size - 1]));
    }

    [Fact]
    public void Encoders_WriteOnlyTheirRecord()
    {
        var buffer = Enumerable.Repeat((byte)0xA5, 4096).ToArray();
        new Leader { Magic = 1 }.Encode(buffer);
        new PaxosDblock().EncodeWithStoredChecksum(buffer.AsSpan(1000));
        new RequestRecord().Encode(buffer.AsSpan(2000));
        new ModeBlock().Encode(buffer.AsSpan(3000));
        Assert.True(buffer.AsSpan(Leader.Size, 1000 - Leader.Size).IndexOfAnyExcept((byte)0xA5) < 0);
        Assert.True(buffer.AsSpan(1000 + PaxosDblock.Size, 1000 - PaxosDblock.Size).IndexOfAnyExcept((byte)0xA5) < 0);
        Assert.True(buffer.AsSpan(2000 + RequestRecord.Size, 1000 - RequestRecord.Size).IndexOfAnyExcept((byte)0xA5) < 0);
        Assert.True(buffer.AsSpan(3000 + ModeBlock.Size).IndexOfAnyExcept((byte)0xA5) < 0);
        Assert.Throws<ArgumentException>(() => new Leader().Encode(new byte[Leader.Size - 1]));
    }
}
