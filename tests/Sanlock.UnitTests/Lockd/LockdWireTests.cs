using Sanlock.Libvirt;
using Sanlock.Lockd.Protocol;

namespace Sanlock.UnitTests.Lockd;

public class LockdWireTests
{
    public static TheoryData<LockdRequest> Requests => new()
    {
        LockdRequest.Register(4242),
        LockdRequest.Acquire([new DiskRequest("/img/a", false), new DiskRequest("/img/é s", true)]),
        LockdRequest.Release([new DiskRequest("/img/a", false)]),
        LockdRequest.Inquire(),
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Request_RoundTrips(LockdRequest request)
    {
        byte[] frame = LockdWire.Encode(request);
        Assert.Equal(frame.Length - 4, LockdWire.BodyLength(frame));
        Assert.Equal(request, LockdWire.DecodeRequest(frame.AsSpan(4)));
    }

    [Fact]
    public void Register_HasTheDocumentedBytes()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 5, 1, 0, 0, 0x10, 0x92 }, LockdWire.Encode(LockdRequest.Register(4242)));
    }

    [Fact]
    public void Acquire_HasTheDocumentedBytes()
    {
        byte[] expected = [0, 0, 0, 8, 2, 0, 1, 1, 0, 2, (byte)'/', (byte)'a'];
        Assert.Equal(expected, LockdWire.Encode(LockdRequest.Acquire([new DiskRequest("/a", true)])));
    }

    [Fact]
    public void Reply_WithErrorAndLocks_RoundTrips()
    {
        var failed = LockdReply.Failed(new LibvirtException(LibvirtErrorCode.ResourceBusy, "Lockspace resource 'x' is locked"));
        var ok = LockdReply.Ok([new LockInfo("/img/a", "/l/abc", Shared: true, AutoCreate: true), new LockInfo("/img/b", "/img/b", false, false)]);
        Assert.Equal(failed, LockdWire.DecodeReply(LockdWire.Encode(failed).AsSpan(4)));
        Assert.Equal(ok, LockdWire.DecodeReply(LockdWire.Encode(ok).AsSpan(4)));
    }

    [Fact]
    public void ThrowIfFailed_ReRaisesTheDaemonsWording()
    {
        var reply = LockdReply.Failed(new LibvirtException(LibvirtErrorCode.ResourceBusy, "Lockspace resource 'x' is locked"));
        var e = Assert.Throws<LibvirtException>(() => reply.ThrowIfFailed());
        Assert.Equal("resource busy: Lockspace resource 'x' is locked", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 9 }, "unknown request code 9")]
    [InlineData(new byte[] { 1, 0, 0 }, "message truncated")]
    [InlineData(new byte[] { 4, 0 }, "unexpected bytes")]
    [InlineData(new byte[] { 2, 0, 1, 0, 0x10, 0x01 }, "more than 4096")]
    [InlineData(new byte[] { 2, 0, 1, 0, 0, 2, 0xff, 0xfe }, "not valid UTF-8")]
    public void DecodeRequest_Malformed_ThrowsNamingTheProblem(byte[] body, string expected)
    {
        var e = Assert.Throws<LockdProtocolException>(() => LockdWire.DecodeRequest(body));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0x10, 0, 1 })]
    public void BodyLength_OutsideTheCaps_Throws(byte[] prefix)
    {
        Assert.Throws<LockdProtocolException>(() => LockdWire.BodyLength(prefix));
    }
}
