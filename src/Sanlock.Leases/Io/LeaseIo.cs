using Sanlock.OnDisk;

namespace Sanlock.Leases.Io;

/// <summary>
/// Reads and writes of lease sectors that turn storage failures into the sanlock result code of the
/// step that failed (−220 leader read, −211 dblock write, −202 timeout, …), with a message naming the
/// path, offset and length.
/// </summary>
internal static class LeaseIo
{
    private const int Etimedout = 110;

    /// <summary>Reads <paramref name="length"/> bytes into a new buffer the caller owns.</summary>
    public static async Task<AlignedBuffer> ReadAsync(
        ILeaseDisk disk, long offset, int length, SanlockError onError, string what, CancellationToken cancellationToken)
    {
        var buffer = disk.AllocateBuffer(length);
        try
        {
            await disk.ReadAsync(offset, buffer, length, cancellationToken).ConfigureAwait(false);
            return buffer;
        }
        catch (LeaseIoException e)
        {
            // A timed-out read may still land in the buffer later: leave that memory alone rather than reuse it.
            if (e.Errno != Etimedout && e.Errno != 0)
            {
                ((IDisposable)buffer).Dispose();
            }

            throw Fail(e, disk, offset, length, onError, "read", what);
        }
    }

    /// <summary>Writes the first <paramref name="length"/> bytes of <paramref name="buffer"/>.</summary>
    public static async Task WriteAsync(
        ILeaseDisk disk, long offset, AlignedBuffer buffer, int length, SanlockError onError, string what, CancellationToken cancellationToken)
    {
        try
        {
            await disk.WriteAsync(offset, buffer, length, cancellationToken).ConfigureAwait(false);
        }
        catch (LeaseIoException e)
        {
            throw Fail(e, disk, offset, length, onError, "write", what);
        }
    }

    /// <summary>Writes one sector built by <paramref name="fill"/> (the buffer arrives zeroed).</summary>
    public static async Task WriteSectorAsync(
        ILeaseDisk disk, long offset, int sectorSize, SpanAction fill, SanlockError onError, string what, CancellationToken cancellationToken)
    {
        using var buffer = disk.AllocateBuffer(sectorSize);
        fill(buffer.Span[..sectorSize]);
        await WriteAsync(disk, offset, buffer, sectorSize, onError, what, cancellationToken).ConfigureAwait(false);
    }

    public delegate void SpanAction(Span<byte> sector);

    private static SanlockException Fail(LeaseIoException e, ILeaseDisk disk, long offset, int length, SanlockError onError, string op, string what)
    {
        var code = e.Errno is Etimedout or 0 ? SanlockError.AioTimeout : onError;
        return new SanlockException(code, $"{what}: {op} of {length} bytes at offset {offset} of {disk.Path} failed: {e.Message}");
    }
}
