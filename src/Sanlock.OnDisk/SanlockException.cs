namespace Sanlock.OnDisk;

/// <summary>A lease operation ended with a sanlock result code; the message says what and where.</summary>
public sealed class SanlockException : Exception
{
    public SanlockException(SanlockError error, string message) : base(message) => Error = error;

    public SanlockException()
    {
    }

    public SanlockException(string message) : base(message)
    {
    }

    public SanlockException(string message, Exception inner) : base(message, inner)
    {
    }

    public SanlockError Error { get; }

    /// <summary>The numeric result as sanlock reports it (e.g. −243).</summary>
    public int Code => (int)Error;
}
