namespace Sanlock.OnDisk;

/// <summary>An I/O on a lease area failed; the message names the path, offset, length and cause.</summary>
public sealed class LeaseIoException : IOException
{
    public LeaseIoException(string message, int errno = 0, Exception? inner = null)
        : base(message, inner) => Errno = errno;

    public LeaseIoException()
    {
    }

    public LeaseIoException(string message) : base(message)
    {
    }

    public LeaseIoException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>The errno of the failed call (EIO = 5), or 0 when not from a system call (e.g. a timeout).</summary>
    public int Errno { get; }
}
