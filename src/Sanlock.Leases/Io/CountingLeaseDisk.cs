using Sanlock.OnDisk;

namespace Sanlock.Leases.Io;

/// <summary>Counts the reads, writes and bytes that pass through to another disk (for benchmarks and tests).</summary>
public sealed class CountingLeaseDisk : ILeaseDisk
{
    private readonly ILeaseDisk _inner;
    private readonly bool _ownsInner;
    private long _reads;
    private long _writes;
    private long _bytesRead;
    private long _bytesWritten;

    public CountingLeaseDisk(ILeaseDisk inner, bool ownsInner = false)
    {
        _inner = inner;
        _ownsInner = ownsInner;
    }

    public string Path => _inner.Path;

    public int DeviceSectorSize => _inner.DeviceSectorSize;

    public long Reads => Interlocked.Read(ref _reads);

    public long Writes => Interlocked.Read(ref _writes);

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public AlignedBuffer AllocateBuffer(int length) => _inner.AllocateBuffer(length);

    public ValueTask ReadAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        Interlocked.Add(ref _bytesRead, length);
        return _inner.ReadAsync(offset, buffer, length, cancellationToken);
    }

    public ValueTask WriteAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _bytesWritten, length);
        return _inner.WriteAsync(offset, buffer, length, cancellationToken);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _bytesRead, 0);
        Interlocked.Exchange(ref _bytesWritten, 0);
    }

    public override string ToString() => $"{Reads} reads ({BytesRead} bytes), {Writes} writes ({BytesWritten} bytes)";

    public void Dispose()
    {
        if (_ownsInner)
        {
            _inner.Dispose();
        }
    }
}
