using BenchmarkDotNet.Attributes;
using Sanlock.OnDisk;

namespace Sanlock.Benchmarks;

/// <summary>The sanlock checksum over a leader (168 bytes) and over a whole 1 MiB area: hardware vs table.</summary>
[MemoryDiagnoser]
public class ChecksumBenchmarks
{
    private byte[] _data = [];

    [Params(168, 1 << 20)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Length];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    public uint Table() => SanlockChecksum.ComputeWithTable(_data);

    [Benchmark]
    public uint Hardware() => SanlockChecksum.ComputeWithHardware(_data);
}
