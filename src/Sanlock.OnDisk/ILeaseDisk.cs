namespace Sanlock.OnDisk;

/// <summary>
/// The storage a lease area lives on: one path (file or block device) read and written in whole
/// sectors at sector-aligned offsets. Production uses O_DIRECT files (Sanlock.Posix); tests use an
/// in-memory disk with injected faults. Implementations throw <see cref="LeaseIoException"/> on failure.
/// </summary>
public interface ILeaseDisk : IDisposable
{
    /// <summary>The path as the user gave it (for messages and for lease identity).</summary>
    string Path { get; }

    /// <summary>The logical sector size the device requires for direct I/O (512 for regular files).</summary>
    int DeviceSectorSize { get; }

    /// <summary>A buffer suitable for this disk's I/O (sector-aligned memory for O_DIRECT).</summary>
    AlignedBuffer AllocateBuffer(int length);

    /// <summary>Reads <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; short reads beyond EOF are zero-filled.</summary>
    ValueTask ReadAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default);

    /// <summary>Writes the first <paramref name="length"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>, durably.</summary>
    ValueTask WriteAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default);
}
