using Sanlock.OnDisk;
using Sanlock.Protocol;
using Sanlock.Protocol.Replies;

namespace Sanlock.Client;

/// <summary>A daemon reply: its header (result in <see cref="Result"/>) and decoded payload.</summary>
public sealed record SanlockReply(SmCommand Command, SmHeader Header, ReplyBody Body)
{
    /// <summary>The signed result code (header.data): 0 success, −errno or a sanlock code (≤ −200), or a positive
    /// value for ALIGN / REL_ORPHAN / LOG_DUMP.</summary>
    public int Result => Header.Result;

    /// <summary>A reply standing for a failure before any reply (e.g. −2 when the socket does not exist).</summary>
    public static SanlockReply Failed(SmCommand command, int result) =>
        new(command, new SmHeader(SmHeader.SmMagic, 0, command, 0, SmHeader.Size, 0, unchecked((uint)result), 0), EmptyReply.Instance);

    public T BodyAs<T>() where T : ReplyBody =>
        Body as T ?? throw new SanlockProtocolException($"{Command} reply carries {Body.GetType().Name}, expected {typeof(T).Name}");

    /// <summary>Throws <see cref="SanlockException"/> with the code unless the result is 0.</summary>
    public SanlockReply EnsureSuccess()
    {
        if (Result != 0)
        {
            throw new SanlockException((SanlockError)Result, $"sanlock {Command} failed: {Result}");
        }
        return this;
    }
}
