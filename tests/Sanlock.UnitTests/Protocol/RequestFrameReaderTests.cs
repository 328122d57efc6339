using System.Buffers;
using Sanlock.OnDisk;
using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Requests;
using Sanlock.Protocol.Structs;

namespace Sanlock.UnitTests.Protocol;

/// <summary>Delimiting requests the way 3.8.5 reads them (sanlock-wire-protocol.md §1.2, §2.2, §4.7.2).</summary>
public class RequestFrameReaderTests
{
    private static readonly SanlkResource _r1 = SanlkResource.Create("LS", "R1", [new SanlkDisk("/tmp/r1", 0)]);

    [Fact]
    public void HostStatusWithLength32_BodyIsStillReadByCommand()
    {
        byte[] message = RequestCodec.BuildMessage(SmCommand.HostStatus, new LockspaceBody(new SanlkLockspace("LS", 0, LockspaceFlags.None, new SanlkDisk("", 0))));
        new SmHeader(SmHeader.SmMagic, 1, SmCommand.HostStatus, 0, 32, 0, 0, 0).Write(message);
        var buffer = new ReadOnlySequence<byte>(message);
        Assert.True(RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame));
        Assert.Equal(RequestFrameKind.Request, frame.Kind);
        Assert.Equal("LS", Assert.IsType<LockspaceBody>(frame.DecodeBody()).Lockspace.Name);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void RegisterThenAcquireInOneBurst_GivesTwoFrames()
    {
        byte[] register = RequestCodec.BuildMessage(SmCommand.Register, EmptyBody.Instance);
        byte[] acquire = RequestCodec.BuildMessage(SmCommand.Acquire, new AcquireBody([_r1], SanlkOptions.Empty), data: 1, data2: SmHeader.TargetSelf);
        var buffer = new ReadOnlySequence<byte>([.. register, .. acquire]);
        Assert.True(RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame first));
        Assert.True(RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame second));
        Assert.Equal((SmCommand.Register, SmCommand.Acquire), (first.Header.Command, second.Header.Command));
        Assert.Equal(_r1, Assert.IsType<AcquireBody>(second.DecodeBody()).Resources[0]);
        Assert.False(RequestFrameReader.TryReadFrame(ref buffer, out _));
    }

    [Fact]
    public void PartialAcquire_NeedsMoreData_AndConsumesNothing()
    {
        byte[] acquire = RequestCodec.BuildMessage(SmCommand.Acquire, new AcquireBody([_r1], SanlkOptions.Empty), data: 1, data2: 42);
        var partial = new ReadOnlySequence<byte>(acquire.AsMemory(0, acquire.Length - 1));
        Assert.False(RequestFrameReader.TryReadFrame(partial, out _, out SequencePosition consumed, out SequencePosition examined));
        Assert.Equal(partial.Start, consumed);
        Assert.Equal(partial.End, examined);
    }

    [Theory]
    [InlineData(0x12345678u, 5u)]
    [InlineData(SmHeader.SmMagic, 99u)]
    [InlineData(SmHeader.SmMagic, 0u)]
    public void BadMagicOrUnknownCommand_IsIgnoredAfterTheHeader(uint magic, uint command)
    {
        var message = new byte[64];
        new SmHeader(magic, 1, (SmCommand)command, 0, 64, 0, 0, 0).Write(message);
        var buffer = new ReadOnlySequence<byte>(message);
        Assert.True(RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame));
        Assert.Equal(RequestFrameKind.Ignored, frame.Kind);
        Assert.Equal(32, buffer.Length);
    }

    [Fact]
    public void NewerMajorVersion_IsIgnoredExceptForVersion()
    {
        Assert.True(RequestFrameReader.IsIgnored(new SmHeader(SmHeader.SmMagic, 0x00020000, SmCommand.GetLockspaces, 0, 32, 0, 0, 0)));
        Assert.False(RequestFrameReader.IsIgnored(new SmHeader(SmHeader.SmMagic, 0x00020003, SmCommand.Version, 0, 32, 0, 0, 0)));
        Assert.False(RequestFrameReader.IsIgnored(new SmHeader(SmHeader.SmMagic, 0, SmCommand.Status, 0, 32, 0, 0, 0)));
    }

    [Fact]
    public void AcquireWithNineResources_IsRejectedWithE2BIG()
    {
        var message = new byte[SmHeader.Size + 100];
        SmHeader.ForRequest(SmCommand.Acquire, 100, data: 9).Write(message);
        var buffer = new ReadOnlySequence<byte>(message);
        Assert.True(RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame));
        Assert.Equal((RequestFrameKind.Rejected, SanlockError.E2BIG), (frame.Kind, frame.Rejection));
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(5u)]
    public void ResourceWithBadDiskCount_IsRejectedWithERANGE(uint numDisks)
    {
        byte[] message = RequestCodec.BuildMessage(SmCommand.ReadResource, new ResourceWithDisksBody(_r1));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(SmHeader.Size + SanlkResource.NumDisksOffset), numDisks);
        var buffer = new ReadOnlySequence<byte>(message);
        Assert.True(RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame));
        Assert.Equal((RequestFrameKind.Rejected, SanlockError.ERANGE), (frame.Kind, frame.Rejection));
    }

    [Fact]
    public void SetLvb_BodyLengthComesFromHeaderLength()
    {
        byte[] message = RequestCodec.BuildMessage(SmCommand.SetLvb, new SetLvbBody(_r1 with { Disks = [] }, "hello"u8.ToArray()));
        var buffer = new ReadOnlySequence<byte>([.. message, .. new byte[10]]);
        Assert.True(RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame));
        Assert.Equal("hello"u8.ToArray(), Assert.IsType<SetLvbBody>(frame.DecodeBody()).Lvb.ToArray());
        Assert.Equal(10, buffer.Length);
    }

    [Fact]
    public void ReleaseAll_HasNoBody_EvenWithACount()
    {
        var message = new byte[32];
        SmHeader.ForRequest(SmCommand.Release, 0, CommandFlags.ReleaseAll, data: 3, data2: 42).Write(message);
        var buffer = new ReadOnlySequence<byte>(message);
        Assert.True(RequestFrameReader.TryReadFrame(ref buffer, out RequestFrame frame));
        Assert.Empty(Assert.IsType<ResourcesBody>(frame.DecodeBody()).Resources);
    }

    [Fact]
    public void InquireReply_RoundTripsTheStateString()
    {
        InquireReply reply = ReplyCodec.InquireOf("LS:R1:/tmp/r1:0:2");
        var payload = new byte[ReplyCodec.GetEncodedLength(reply)];
        ReplyCodec.EncodePayload(reply, payload);
        Assert.Equal(0, payload[^1]);
        var header = new SmHeader(SmHeader.SmMagic, 1, SmCommand.Inquire, 0, (uint)(32 + payload.Length), 0, 0, 1);
        Assert.Equal(payload.Length, ReplyCodec.GetPayloadLength(SmCommand.Inquire, header));
        Assert.Equal("LS:R1:/tmp/r1:0:2", Assert.IsType<InquireReply>(ReplyCodec.DecodePayload(SmCommand.Inquire, header, payload)).State);
    }
}
