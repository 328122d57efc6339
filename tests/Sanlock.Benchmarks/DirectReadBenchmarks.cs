using BenchmarkDotNet.Attributes;
using Sanlock.OnDisk;
using Sanlock.Posix;

namespace Sanlock.Benchmarks;

/// <summary>
/// O_DIRECT reads through <see cref="DirectFileDisk"/>: one lease area (1 MiB, what a renewal or a dump reads per
/// area) and one 512-byte sector (a leader read), on a file under /var/tmp (ext4 here).
/// </summary>
[MemoryDiagnoser]
public class DirectReadBenchmarks
{
    private string _path = "";
    private DirectFileDisk? _disk;
    private AlignedBuffer? _buffer;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine("/var/tmp", $"sanlock-bench-{Guid.NewGuid():N}");
        var content = new byte[1 << 20];
        new Random(1).NextBytes(content);
        File.WriteAllBytes(_path, content);
        _disk = DirectFileDisk.Open(_path, DirectOpenMode.ReadOnly);
        _buffer = _disk.AllocateBuffer(1 << 20);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ((IDisposable?)_buffer)?.Dispose();
        _disk?.Dispose();
        File.Delete(_path);
    }

    [Benchmark(Description = "O_DIRECT read 1 MiB")]
    public int ReadOneMiB() => _disk!.ReadAvailable(0, _buffer!, 1 << 20);

    [Benchmark(Description = "O_DIRECT read 512 B")]
    public int ReadOneSector() => _disk!.ReadAvailable(4096, _buffer!, 512);
}
