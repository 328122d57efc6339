using System.Buffers;
using System.Buffers.Binary;
using Sanlock.OnDisk;
using Sanlock.Protocol.Structs;

namespace Sanlock.Protocol.Requests;

/// <summary>Delimits client requests in a byte stream, for a System.IO.Pipelines read loop.</summary>
/// <remarks>
/// sanlock-wire-protocol.md §1.2 and §2.2: the body size follows from the command (and, for ACQUIRE and the
/// resource commands, from each resource's num_disks), never from header.length — except SET_LVB (length − 160) and
/// the discard after a refusal. Every size is bounded by <see cref="ProtocolLimits"/> before it is used, so no
/// caller ever sizes a buffer from an unchecked length. Usage:
/// <code>
/// while (RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame)) { … }
/// reader.AdvanceTo(buffer.Start, buffer.End);
/// </code>
/// </remarks>
public static class RequestFrameReader
{
    /// <summary>Largest body any request can have: ACQUIRE with 8 resources of 4 disks.</summary>
    public const int MaxBodyLength = (ProtocolLimits.MaxResources * (SanlkResource.Size + (ProtocolLimits.MaxDisks * SanlkDisk.Size))) + SanlkOptions.Size;

    /// <summary>Reads one frame from the start of <paramref name="buffer"/>; on success slices it off.</summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out RequestFrame frame)
    {
        if (!TryReadFrame(buffer, out frame, out SequencePosition consumed, out _))
        {
            return false;
        }
        buffer = buffer.Slice(consumed);
        return true;
    }

    /// <summary>Kestrel-style form: <paramref name="consumed"/> is the end of the frame (or the buffer start when
    /// incomplete); <paramref name="examined"/> is the buffer end when more data is needed.</summary>
    public static bool TryReadFrame(in ReadOnlySequence<byte> buffer, out RequestFrame frame,
        out SequencePosition consumed, out SequencePosition examined)
    {
        frame = default;
        consumed = buffer.Start;
        examined = buffer.End;
        if (buffer.Length < SmHeader.Size)
        {
            return false;
        }
        Span<byte> headerBytes = stackalloc byte[SmHeader.Size];
        buffer.Slice(0, SmHeader.Size).CopyTo(headerBytes);
        SmHeader header = SmHeader.Read(headerBytes);
        ReadOnlySequence<byte> rest = buffer.Slice(SmHeader.Size);

        if (IsIgnored(header))
        {
            return Complete(buffer, header, RequestFrameKind.Ignored, rest.Slice(0, 0), SanlockError.Ok, out frame, out consumed, out examined);
        }

        BodySize size = MeasureBody(header, rest);
        switch (size.Outcome)
        {
            case BodyOutcome.NeedMore:
                return false;
            case BodyOutcome.Rejected:
                long discard = Math.Min(Math.Max((long)header.Length - SmHeader.Size, 0), rest.Length);
                return Complete(buffer, header, RequestFrameKind.Rejected, rest.Slice(0, discard), size.Rejection, out frame, out consumed, out examined);
            default:
                if (rest.Length < size.Length)
                {
                    return false;
                }
                return Complete(buffer, header, RequestFrameKind.Request, rest.Slice(0, size.Length), SanlockError.Ok, out frame, out consumed, out examined);
        }
    }

    /// <summary>§2.2: bad magic, unknown command, or a newer major protocol (except VERSION) get no reply.</summary>
    public static bool IsIgnored(in SmHeader header) =>
        header.Magic != SmHeader.SmMagic
        || RequestCodec.ShapeOf(header.Command) == RequestShape.Unknown
        || (header.VersionMajor > 0 && header.Command != SmCommand.Version);

    private static bool Complete(in ReadOnlySequence<byte> buffer, SmHeader header, RequestFrameKind kind, ReadOnlySequence<byte> body,
        SanlockError rejection, out RequestFrame frame, out SequencePosition consumed, out SequencePosition examined)
    {
        frame = new RequestFrame(header, kind, body, rejection);
        consumed = buffer.GetPosition(SmHeader.Size + body.Length);
        examined = consumed;
        return true;
    }

    private static BodySize MeasureBody(in SmHeader header, in ReadOnlySequence<byte> rest) => RequestCodec.ShapeOf(header.Command) switch
    {
        RequestShape.None => BodySize.Of(0),
        RequestShape.Lockspace => BodySize.Of(SanlkLockspace.Size),
        RequestShape.LockspaceEvent => BodySize.Of(SanlkLockspace.Size + SanlkHostEvent.Size),
        RequestShape.ResourceNoDisks => BodySize.Of(SanlkResource.Size),
        RequestShape.Disk => BodySize.Of(SanlkDisk.Size),
        RequestShape.KillPath => BodySize.Of(KillPath.Size),
        RequestShape.Rindex => BodySize.Of(SanlkRindex.Size),
        RequestShape.RindexEntry => BodySize.Of(SanlkRindex.Size + SanlkRentry.Size),
        RequestShape.Release => RequestCodec.ReleaseResourceCount(header) is var n && n > ProtocolLimits.MaxResources
            ? BodySize.Reject(SanlockError.E2BIG)
            : BodySize.Of((int)n * SanlkResource.Size),
        RequestShape.SetLvb => MeasureSetLvb(header),
        RequestShape.ResourceWithDisks => MeasureResources(rest, 1, 0),
        RequestShape.Acquire => header.Data > ProtocolLimits.MaxResources
            ? BodySize.Reject(SanlockError.E2BIG)
            : MeasureResources(rest, (int)header.Data, SanlkOptions.Size),
        _ => BodySize.Reject(SanlockError.EINVAL),
    };

    private static BodySize MeasureSetLvb(in SmHeader header)
    {
        long lvb = (long)header.Length - SmHeader.Size - SanlkResource.Size;
        // UNCONFIRMED: a SET_LVB whose length is below 160 is answered −EINVAL here (3.8.5 behaviour not observed).
        return lvb < 0 ? BodySize.Reject(SanlockError.EINVAL)
            : lvb > ProtocolLimits.MaxLvb ? BodySize.Reject(SanlockError.E2BIG)
            : BodySize.Of(SanlkResource.Size + (int)lvb);
    }

    private static BodySize MeasureResources(in ReadOnlySequence<byte> rest, int count, int trailer)
    {
        Span<byte> numDisksBytes = stackalloc byte[4];
        int length = 0;
        for (int i = 0; i < count; i++)
        {
            if (rest.Length < length + SanlkResource.Size)
            {
                return BodySize.NeedMore;
            }
            rest.Slice(length + SanlkResource.NumDisksOffset, 4).CopyTo(numDisksBytes);
            uint numDisks = BinaryPrimitives.ReadUInt32LittleEndian(numDisksBytes);
            if (numDisks is 0 or > ProtocolLimits.MaxDisks)
            {
                return BodySize.Reject(SanlockError.ERANGE);
            }
            length += SanlkResource.Size + ((int)numDisks * SanlkDisk.Size);
        }
        return BodySize.Of(length + trailer);
    }

    private enum BodyOutcome
    {
        Known,
        NeedMore,
        Rejected,
    }

    private readonly record struct BodySize(BodyOutcome Outcome, int Length, SanlockError Rejection)
    {
        public static BodySize NeedMore => new(BodyOutcome.NeedMore, 0, SanlockError.Ok);

        public static BodySize Of(int length) => new(BodyOutcome.Known, length, SanlockError.Ok);

        public static BodySize Reject(SanlockError error) => new(BodyOutcome.Rejected, 0, error);
    }
}
