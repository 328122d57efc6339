using System.Buffers;
using System.Buffers.Binary;
using FsCheck.Xunit;
using Sanlock.Protocol;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Requests;
using Sanlock.Protocol.Text;

namespace Sanlock.UnitTests.Protocol;

/// <summary>Random bytes into the frame reader and decoders: only <see cref="SanlockProtocolException"/> may come out,
/// and no buffer is sized from an unchecked length (allocations stay bounded whatever the header claims).</summary>
public class ProtocolFuzzTests
{
    /// <summary>Generous bound: the largest legal body plus the decoded objects of a maximal ACQUIRE.</summary>
    private const long AllocationBound = 512 * 1024;

    private static readonly SmCommand[] _commands = Enum.GetValues<SmCommand>();

    [Property(MaxTest = 500)]
    public void RandomBytes_IntoFrameReader_OnlyProtocolErrors(byte[] bytes, int commandIndex, uint length, uint data, uint cmdFlags)
    {
        byte[] message = WithHeader(bytes, _commands[Math.Abs(commandIndex % _commands.Length)], length, data, cmdFlags);
        long before = GC.GetAllocatedBytesForCurrentThread();
        ReadAllFrames(message);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < AllocationBound + message.Length, $"allocated {allocated} bytes for a {message.Length}-byte input");
    }

    [Property(MaxTest = 300)]
    public void RandomBytes_WithoutHeaderShape_OnlyProtocolErrors(byte[] bytes) => ReadAllFrames(bytes);

    [Property(MaxTest = 500)]
    public void RandomReplies_IntoReplyDecoder_OnlyProtocolErrors(byte[] payload, int commandIndex, uint length, uint data, uint data2)
    {
        SmCommand command = _commands[Math.Abs(commandIndex % _commands.Length)];
        var header = new SmHeader(SmHeader.SmMagic, 1, command, 0, length, 0, data, data2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            int size = ReplyCodec.GetPayloadLength(command, header);
            ReadOnlySpan<byte> span = size == ReplyCodec.UntilEof ? payload : payload.AsSpan(0, Math.Min(size, payload.Length));
            ReplyCodec.DecodePayload(command, header, span);
        }
        catch (SanlockProtocolException)
        {
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < AllocationBound + (4L * payload.Length), $"allocated {allocated} bytes for a {payload.Length}-byte payload");
    }

    [Property(MaxTest = 300)]
    public void RandomStrings_IntoTextParsers_OnlyFormatErrors(string? text)
    {
        text ??= string.Empty;
        try
        {
            ResourceString.Parse(text, allowMegabyteSuffix: true);
        }
        catch (FormatException)
        {
        }
        try
        {
            LockspaceString.Parse(text);
        }
        catch (FormatException)
        {
        }
        StateString.Split(text);
    }

    [Fact]
    public void HeaderClaiming4GiB_IsNeverBuffered()
    {
        byte[] message = WithHeader(new byte[64], SmCommand.SetLvb, uint.MaxValue, 0, 0);
        var buffer = new ReadOnlySequence<byte>(message);
        Assert.True(RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame));
        Assert.Equal(RequestFrameKind.Rejected, frame.Kind);
        Assert.Equal(Sanlock.OnDisk.SanlockError.E2BIG, frame.Rejection);
        Assert.Equal(64, frame.Body.Length);
    }

    [Fact]
    public void ReplyClaimingHugeCount_IsRefusedBeforeReading()
    {
        var header = new SmHeader(SmHeader.SmMagic, 1, SmCommand.GetHosts, 0, uint.MaxValue, 0, 0, int.MaxValue);
        Assert.Throws<SanlockProtocolException>(() => ReplyCodec.GetPayloadLength(SmCommand.GetHosts, header));
        var log = new SmHeader(SmHeader.SmMagic, 1, SmCommand.LogDump, 0, 32, 0, int.MaxValue, 0);
        Assert.Throws<SanlockProtocolException>(() => ReplyCodec.GetPayloadLength(SmCommand.LogDump, log));
    }

    [Fact]
    public void RandomStreams_ByteByByte_DelimitTheSameFrames()
    {
        var random = new Random(1234);
        for (int round = 0; round < 200; round++)
        {
            var bytes = new byte[random.Next(0, 6000)];
            random.NextBytes(bytes);
            if (bytes.Length >= 32)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, SmHeader.SmMagic);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)random.Next(0, 42));
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), (uint)random.Next(0, 10));
            }
            List<long> whole = FrameLengths(new ReadOnlySequence<byte>(bytes));
            List<byte[]> pieces = [.. bytes.Chunk(1).Select(c => c.ToArray())];
            List<long> split = FrameLengths(WireReplay.SequenceOf(pieces));
            Assert.Equal(whole, split);
        }
    }

    private static List<long> FrameLengths(ReadOnlySequence<byte> buffer)
    {
        var lengths = new List<long>();
        while (RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame))
        {
            lengths.Add(frame.Body.Length);
        }
        return lengths;
    }

    private static void ReadAllFrames(byte[] message)
    {
        var buffer = new ReadOnlySequence<byte>(message);
        while (RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame))
        {
            if (frame.Kind == RequestFrameKind.Request)
            {
                try
                {
                    frame.DecodeBody();
                }
                catch (SanlockProtocolException)
                {
                }
            }
        }
    }

    private static byte[] WithHeader(byte[] body, SmCommand command, uint length, uint data, uint cmdFlags)
    {
        var message = new byte[SmHeader.Size + body.Length];
        new SmHeader(SmHeader.SmMagic, 1, command, cmdFlags, length, 0, data, 0).Write(message);
        body.CopyTo(message, SmHeader.Size);
        return message;
    }
}
