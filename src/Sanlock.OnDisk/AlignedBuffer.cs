using System.Buffers;
using System.Runtime.InteropServices;

namespace Sanlock.OnDisk;

/// <summary>
/// Native memory aligned to 4096 bytes, as O_DIRECT requires for both sector sizes.
/// Owns its memory; dispose it (buffers are meant to be reused, not allocated per I/O).
/// </summary>
public sealed unsafe class AlignedBuffer : MemoryManager<byte>
{
    public const int Alignment = 4096;
    private byte* _pointer;

    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Length = length;
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, Alignment);
        NativeMemory.Clear(_pointer, (nuint)length);
    }

    public int Length { get; }

    public IntPtr Address => _pointer == null ? throw new ObjectDisposedException(nameof(AlignedBuffer)) : (IntPtr)_pointer;

    public Span<byte> Span => GetSpan();

    public override Span<byte> GetSpan() =>
        _pointer == null ? throw new ObjectDisposedException(nameof(AlignedBuffer)) : new Span<byte>(_pointer, Length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }
}
