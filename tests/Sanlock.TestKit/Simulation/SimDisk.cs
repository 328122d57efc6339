namespace Sanlock.TestKit.Simulation;

/// <summary>
/// The shared storage of a simulation: one byte array that every host's <see cref="SimDiskView"/> reads and
/// writes. Bytes outside the registered lease areas hold a guard pattern; <see cref="CheckGuards"/> and every
/// write verify nobody wrote outside an area.
/// </summary>
public sealed class SimDisk
{
    public const byte Guard = 0xA5;

    private readonly byte[] _bytes;
    private readonly List<(long Offset, long Length)> _areas = [];

    public SimDisk(string path, long size)
    {
        Path = path;
        _bytes = new byte[size];
        _bytes.AsSpan().Fill(Guard);
    }

    public string Path { get; }

    public long Size => _bytes.Length;

    /// <summary>Declares a lease area (zeroed) that hosts may write.</summary>
    public void AddArea(long offset, long length)
    {
        _areas.Add((offset, length));
        _bytes.AsSpan((int)offset, (int)length).Clear();
    }

    /// <summary>Writes without scheduling (formatting before the simulation starts).</summary>
    public void Poke(long offset, ReadOnlySpan<byte> data) => Write(offset, data);

    public ReadOnlySpan<byte> Peek(long offset, int length) => _bytes.AsSpan((int)offset, length);

    internal void Write(long offset, ReadOnlySpan<byte> data)
    {
        if (!InsideArea(offset, data.Length))
        {
            throw new InvalidOperationException($"write of {data.Length} bytes at {offset} on {Path} falls outside every lease area");
        }

        data.CopyTo(_bytes.AsSpan((int)offset));
    }

    internal void Read(long offset, Span<byte> destination)
    {
        long available = Math.Max(0, Math.Min(destination.Length, _bytes.Length - offset));
        _bytes.AsSpan((int)offset, (int)available).CopyTo(destination);
        destination[(int)available..].Clear();
    }

    /// <summary>Throws when a byte outside the lease areas lost its guard value.</summary>
    public void CheckGuards()
    {
        long position = 0;
        foreach (var (offset, length) in _areas.OrderBy(a => a.Offset))
        {
            CheckGuardRange(position, offset);
            position = Math.Max(position, offset + length);
        }

        CheckGuardRange(position, _bytes.Length);
    }

    private void CheckGuardRange(long from, long to)
    {
        if (to <= from)
        {
            return;
        }

        int bad = _bytes.AsSpan((int)from, (int)(to - from)).IndexOfAnyExcept(Guard);
        if (bad >= 0)
        {
            throw new InvalidOperationException($"guard byte at {from + bad} on {Path} was overwritten (0x{_bytes[from + bad]:x2})");
        }
    }

    private bool InsideArea(long offset, int length)
    {
        foreach (var (start, size) in _areas)
        {
            if (offset >= start && offset + length <= start + size)
            {
                return true;
            }
        }

        return false;
    }
}
