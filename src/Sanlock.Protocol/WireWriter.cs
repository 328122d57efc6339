using System.Buffers.Binary;
using System.Text;

namespace Sanlock.Protocol;

/// <summary>Writes little-endian fields and fixed NUL-padded strings into a span sized by the caller.</summary>
public ref struct WireWriter
{
    private readonly Span<byte> _span;
    private int _position;

    public WireWriter(Span<byte> span) => _span = span;

    public readonly int Position => _position;

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    public void WriteZeros(int count) => Take(count).Clear();

    /// <summary>Writes <paramref name="text"/> as UTF-8, NUL-padded to <paramref name="size"/> bytes. A text of
    /// exactly <paramref name="size"/> bytes has no terminator (as in C); a longer one is refused.</summary>
    public void WriteFixedString(string text, int size, string field)
    {
        Span<byte> target = Take(size);
        target.Clear();
        if (Encoding.UTF8.GetByteCount(text) > size)
        {
            throw new ArgumentException($"{field} \"{text}\" is longer than {size} bytes", nameof(text));
        }
        Encoding.UTF8.GetBytes(text, target);
    }

    private Span<byte> Take(int count)
    {
        if (_span.Length - _position < count)
        {
            throw new ArgumentException($"buffer of {_span.Length} bytes too small at offset {_position} for {count} more");
        }
        Span<byte> slice = _span.Slice(_position, count);
        _position += count;
        return slice;
    }
}
