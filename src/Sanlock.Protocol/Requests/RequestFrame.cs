using System.Buffers;
using Sanlock.OnDisk;

namespace Sanlock.Protocol.Requests;

/// <summary>One request delimited by <see cref="RequestFrameReader"/>.</summary>
public readonly struct RequestFrame
{
    public RequestFrame(SmHeader header, RequestFrameKind kind, ReadOnlySequence<byte> body, SanlockError rejection = SanlockError.Ok)
    {
        Header = header;
        Kind = kind;
        Body = body;
        Rejection = rejection;
    }

    public SmHeader Header { get; }

    public RequestFrameKind Kind { get; }

    /// <summary>The body bytes (for <see cref="RequestFrameKind.Rejected"/>: the bytes discarded). Valid only until
    /// the pipe is advanced.</summary>
    public ReadOnlySequence<byte> Body { get; }

    /// <summary>The result to reply with when <see cref="Kind"/> is <see cref="RequestFrameKind.Rejected"/>.</summary>
    public SanlockError Rejection { get; }

    /// <summary>Decodes the body (only for <see cref="RequestFrameKind.Request"/>); copies at most the bounded body.</summary>
    public RequestBody DecodeBody()
    {
        if (Kind != RequestFrameKind.Request)
        {
            throw new InvalidOperationException($"a {Kind} frame has no body to decode");
        }
        return Body.IsSingleSegment
            ? RequestCodec.Decode(Header, Body.FirstSpan)
            : RequestCodec.Decode(Header, Body.ToArray());
    }
}
