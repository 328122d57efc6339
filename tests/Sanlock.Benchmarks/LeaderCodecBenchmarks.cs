using BenchmarkDotNet.Attributes;
using Sanlock.OnDisk;

namespace Sanlock.Benchmarks;

/// <summary>Leader encode (with checksum) and decode of one 512-byte sector.</summary>
[MemoryDiagnoser]
public class LeaderCodecBenchmarks
{
    private readonly byte[] _sector = new byte[512];
    private Leader _leader;

    [GlobalSetup]
    public void Setup()
    {
        _leader = ResourceFormat.FreshLeader(LeaseGeometry.Default, "LS", "resource-0001", 0) with
        {
            OwnerId = 1, OwnerGeneration = 3, Lver = 42, Timestamp = 7627, WriteId = 1, WriteGeneration = 3, WriteTimestamp = 7627,
        };
        _leader.Encode(_sector);
    }

    [Benchmark]
    public uint Encode() => _leader.Encode(_sector);

    [Benchmark]
    public Leader Decode() => Leader.Decode(_sector);

    [Benchmark]
    public bool DecodeAndValidate()
    {
        var leader = Leader.Decode(_sector);
        return LeaderValidation.CheckPaxos(leader, "LS", "resource-0001", 1) == SanlockError.Ok;
    }
}
