namespace Sanlock.Lockd.Protocol;

/// <summary>A frame that does not follow PROTOCOL.md; the daemon closes the connection that sent it.</summary>
public sealed class LockdProtocolException : Exception
{
    public LockdProtocolException()
    {
    }

    public LockdProtocolException(string message) : base(message)
    {
    }

    public LockdProtocolException(string message, Exception inner) : base(message, inner)
    {
    }
}
