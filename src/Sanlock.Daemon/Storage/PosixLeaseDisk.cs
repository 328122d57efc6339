using System.Runtime.InteropServices;
using Sanlock.Daemon.Native;
using Sanlock.OnDisk;

namespace Sanlock.Daemon.Storage;

/// <summary>A lease file or device opened O_DIRECT|O_SYNC, read and written with pread/pwrite from aligned buffers.</summary>
/// <remarks>Interim until Sanlock.Posix's DirectFileDisk is merged; I/O is synchronous (callers run it on worker
/// threads). Several concurrent preads on one descriptor are safe.</remarks>
internal sealed unsafe class PosixLeaseDisk : ILeaseDisk
{
    private int _fd;

    private PosixLeaseDisk(string path, int fd)
    {
        Path = path;
        _fd = fd;
    }

    public string Path { get; }

    public int DeviceSectorSize => 512;

    public static PosixLeaseDisk Open(string path)
    {
        int fd;
        do
        {
            fd = LibC.Open(path, LibC.O_RDWR | LibC.O_DIRECT | LibC.O_SYNC | LibC.O_CLOEXEC);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new LeaseIoException($"open {path} (O_RDWR|O_DIRECT|O_SYNC) failed: {LibC.StrError(errno)}", errno);
        }
        return new PosixLeaseDisk(path, fd);
    }

    public AlignedBuffer AllocateBuffer(int length) => new(length);

    public ValueTask ReadAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default)
    {
        CheckAligned(offset, length, buffer);
        byte* at = (byte*)buffer.Address;
        int done = 0;
        while (done < length)
        {
            nint n = LibC.PRead(_fd, at + done, (nuint)(length - done), offset + done);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == LibC.EINTR)
                {
                    continue;
                }
                throw new LeaseIoException($"pread {Path} offset {offset + done} length {length - done}: {LibC.StrError(errno)}", errno);
            }
            if (n == 0)
            {
                buffer.Span[done..length].Clear();
                break;
            }
            done += (int)n;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default)
    {
        CheckAligned(offset, length, buffer);
        byte* at = (byte*)buffer.Address;
        int done = 0;
        while (done < length)
        {
            nint n = LibC.PWrite(_fd, at + done, (nuint)(length - done), offset + done);
            if (n <= 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (n < 0 && errno == LibC.EINTR)
                {
                    continue;
                }
                throw new LeaseIoException($"pwrite {Path} offset {offset + done} length {length - done}: {LibC.StrError(errno)}", errno == 0 ? 5 : errno);
            }
            done += (int)n;
        }
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            LibC.Close(fd);
        }
    }

    private void CheckAligned(long offset, int length, AlignedBuffer buffer)
    {
        if (offset % 512 != 0 || length % 512 != 0 || length > buffer.Length || buffer.Address % 512 != 0)
        {
            throw new LeaseIoException($"{Path}: unaligned direct I/O (offset {offset}, length {length}, buffer {buffer.Length})", 22);
        }
    }
}
