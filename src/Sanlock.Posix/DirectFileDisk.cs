using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Sanlock.OnDisk;

namespace Sanlock.Posix;

/// <summary>
/// A lease path (regular file or block device) opened with <c>O_DIRECT</c> (and <c>O_SYNC</c> when writable),
/// read and written in whole sectors with <c>pread</c>/<c>pwrite</c> from <see cref="AlignedBuffer"/> memory.
/// </summary>
/// <remarks>
/// We call libc ourselves because .NET drops unknown <see cref="FileOptions"/> bits on Unix, so
/// <c>FileStream</c> cannot ask for O_DIRECT. Alignment of buffer, offset and length is checked here on every
/// I/O: some kernels (this one included) accept unaligned O_DIRECT quietly, so tests would not catch a slip.
/// I/O is synchronous (O_DIRECT blocks in the kernel either way); the async methods complete synchronously.
/// </remarks>
public sealed class DirectFileDisk : ILeaseDisk
{
    private readonly SafeFileHandle _handle;
    private readonly int _openFlags;

    private DirectFileDisk(string path, SafeFileHandle handle, int openFlags, int deviceSectorSize, bool isBlockDevice)
    {
        Path = path;
        _handle = handle;
        _openFlags = openFlags;
        DeviceSectorSize = deviceSectorSize;
        IsBlockDevice = isBlockDevice;
    }

    public string Path { get; }

    public int DeviceSectorSize { get; }

    /// <summary>True when the path is a block device (its logical sector size came from BLKSSZGET).</summary>
    public bool IsBlockDevice { get; }

    /// <summary>
    /// Opens <paramref name="path"/> for direct I/O. Never creates the file. Throws <see cref="LeaseIoException"/>
    /// naming the path, the flags and the errno; a filesystem without O_DIRECT (tmpfs) gets its own message.
    /// </summary>
    public static DirectFileDisk Open(string path, DirectOpenMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var flags = LibC.O_DIRECT | LibC.O_CLOEXEC | (mode == DirectOpenMode.ReadWrite ? LibC.O_RDWR | LibC.O_SYNC : LibC.O_RDONLY);
        int fd;
        do
        {
            fd = LibC.Open(path, flags);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR);

        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var why = errno == LibC.EINVAL
                ? "this file or filesystem does not support O_DIRECT (procfs, device nodes, tmpfs before Linux 6.6); put lease files on ext4/xfs or a block device"
                : LibC.StrError(errno);
            throw new LeaseIoException($"open {path} ({DescribeFlags(flags)}) failed: errno {errno}: {why}", errno);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var (sectorSize, isBlock) = ProbeSectorSize(path, handle);
            return new DirectFileDisk(path, handle, flags, sectorSize, isBlock);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public AlignedBuffer AllocateBuffer(int length) => new(length);

    public ValueTask ReadAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ReadAvailable(offset, buffer, length);
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(offset, buffer, length);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Reads <paramref name="length"/> bytes at <paramref name="offset"/> into the start of <paramref name="buffer"/>
    /// and returns how many bytes the device actually had there (fewer at end of file/device). The bytes after
    /// that count are zero-filled, so callers that must not show unread data compare the count, not the bytes.
    /// </summary>
    public unsafe int ReadAvailable(long offset, AlignedBuffer buffer, int length)
    {
        CheckAlignment("read", offset, buffer, length);
        var start = (byte*)buffer.Address;
        nint got;
        do
        {
            got = LibC.PRead(_handle, start, (nuint)length, offset);
        }
        while (got < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR);

        if (got < 0)
        {
            throw Failure("pread", offset, length, Marshal.GetLastPInvokeError());
        }

        if (got < length)
        {
            buffer.Span[(int)got..length].Clear();
        }
        return (int)got;
    }

    /// <summary>Writes the first <paramref name="length"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/> (O_SYNC: durable on return).</summary>
    public unsafe void Write(long offset, AlignedBuffer buffer, int length)
    {
        CheckAlignment("write", offset, buffer, length);
        if ((_openFlags & LibC.O_RDWR) == 0)
        {
            throw new LeaseIoException($"pwrite {Path} offset {offset} length {length}: opened read-only ({DescribeFlags(_openFlags)})");
        }

        var start = (byte*)buffer.Address;
        nint put;
        do
        {
            put = LibC.PWrite(_handle, start, (nuint)length, offset);
        }
        while (put < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR);

        if (put < 0)
        {
            throw Failure("pwrite", offset, length, Marshal.GetLastPInvokeError());
        }
        if (put != length)
        {
            throw new LeaseIoException(
                $"pwrite {Path} ({DescribeFlags(_openFlags)}) offset {offset} length {length}: short write of {put} bytes (device full or too small?)",
                28);
        }
    }

    public void Dispose() => _handle.Dispose();

    private void CheckAlignment(string op, long offset, AlignedBuffer buffer, int length)
    {
        var sector = DeviceSectorSize;
        string? problem = null;
        if (length <= 0 || length > buffer.Length)
        {
            problem = $"length {length} is outside the buffer of {buffer.Length} bytes";
        }
        else if (offset < 0 || offset % sector != 0)
        {
            problem = $"offset {offset} is not a multiple of the {sector}-byte sector";
        }
        else if (length % sector != 0)
        {
            problem = $"length {length} is not a whole number of {sector}-byte sectors";
        }
        else if (buffer.Address % sector != 0)
        {
            problem = $"buffer address 0x{buffer.Address:x} is not {sector}-byte aligned";
        }

        if (problem is not null)
        {
            throw new LeaseIoException($"{op} {Path} offset {offset} length {length}: {problem} (O_DIRECT needs sector alignment)", LibC.EINVAL);
        }
    }

    private LeaseIoException Failure(string op, long offset, int length, int errno) =>
        new($"{op} {Path} ({DescribeFlags(_openFlags)}) offset {offset} length {length} failed: errno {errno}: {LibC.StrError(errno)}", errno);

    private static unsafe (int SectorSize, bool IsBlockDevice) ProbeSectorSize(string path, SafeFileHandle handle)
    {
        int size = 0;
        if (LibC.IoctlInt(handle, LibC.BLKSSZGET, &size) == 0)
        {
            if (size is not (512 or 4096))
            {
                throw new LeaseIoException($"{path}: block device reports a logical sector size of {size}; sanlock leases need 512 or 4096", LibC.EINVAL);
            }
            return (size, true);
        }

        // ENOTTY (or EINVAL on some filesystems): not a block device; regular files are treated as 512.
        return (512, false);
    }

    internal static string DescribeFlags(int flags)
    {
        var parts = new List<string> { (flags & LibC.O_RDWR) != 0 ? "O_RDWR" : "O_RDONLY" };
        if ((flags & LibC.O_DIRECT) != 0)
        {
            parts.Add("O_DIRECT");
        }
        if ((flags & LibC.O_SYNC) == LibC.O_SYNC)
        {
            parts.Add("O_SYNC");
        }
        if ((flags & LibC.O_CLOEXEC) != 0)
        {
            parts.Add("O_CLOEXEC");
        }
        return string.Join('|', parts) + string.Create(CultureInfo.InvariantCulture, $" = 0x{flags:x}");
    }
}
