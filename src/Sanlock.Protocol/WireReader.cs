using System.Buffers.Binary;
using System.Text;

namespace Sanlock.Protocol;

/// <summary>Reads little-endian fields and fixed NUL-padded strings off a span; short data or bad text throws a
/// <see cref="SanlockProtocolException"/> naming the field and its offset.</summary>
public ref struct WireReader
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _span;
    private readonly int _baseOffset;
    private int _position;

    /// <param name="span">The bytes to read.</param>
    /// <param name="baseOffset">Offset of <paramref name="span"/> within the message, for error messages.</param>
    public WireReader(ReadOnlySpan<byte> span, int baseOffset = 0)
    {
        _span = span;
        _baseOffset = baseOffset;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _span.Length - _position;

    /// <summary>Offset of the next byte within the whole message.</summary>
    public readonly int MessageOffset => _baseOffset + _position;

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public ulong ReadUInt64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    public ReadOnlySpan<byte> ReadBytes(int count, string field) => Take(count, field);

    /// <summary>A fixed-size char array: text up to the first NUL (or the whole field), strict UTF-8.</summary>
    public string ReadFixedString(int size, string field)
    {
        int offset = MessageOffset;
        return DecodeText(Take(size, field), field, offset);
    }

    /// <summary>Text up to the first NUL of <paramref name="bytes"/>, strict UTF-8.</summary>
    public static string DecodeText(ReadOnlySpan<byte> bytes, string field, int offset)
    {
        int nul = bytes.IndexOf((byte)0);
        ReadOnlySpan<byte> text = nul < 0 ? bytes : bytes[..nul];
        try
        {
            return _strictUtf8.GetString(text);
        }
        catch (DecoderFallbackException)
        {
            ProtocolThrow.Invalid(field, offset, "text is not valid UTF-8");
            return string.Empty;
        }
    }

    /// <summary>Fails unless every byte was read (a fixed-size body must be consumed exactly).</summary>
    public readonly void EnsureEnd(string what)
    {
        if (Remaining != 0)
        {
            ProtocolThrow.Invalid(what, MessageOffset, $"{Remaining} unexpected trailing bytes");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || Remaining < count)
        {
            ProtocolThrow.Truncated(field, MessageOffset, count, Remaining);
        }
        ReadOnlySpan<byte> slice = _span.Slice(_position, count);
        _position += count;
        return slice;
    }
}
