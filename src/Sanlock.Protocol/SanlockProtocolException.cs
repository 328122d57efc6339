namespace Sanlock.Protocol;

/// <summary>Bytes that do not form a valid sanlock socket message; the message names the field and offset.</summary>
public sealed class SanlockProtocolException : Exception
{
    public SanlockProtocolException()
    {
    }

    public SanlockProtocolException(string message) : base(message)
    {
    }

    public SanlockProtocolException(string message, Exception inner) : base(message, inner)
    {
    }
}
