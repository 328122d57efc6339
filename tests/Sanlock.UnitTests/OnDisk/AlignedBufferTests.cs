using Sanlock.OnDisk;

namespace Sanlock.UnitTests.OnDisk;

public class AlignedBufferTests
{
    [Fact]
    public void Allocate_ReturnsZeroedMemoryAlignedTo4096()
    {
        using var buffer = new AlignedBuffer(1 << 20);
        Assert.Equal(0, buffer.Address % AlignedBuffer.Alignment);
        Assert.True(buffer.Span.IndexOfAnyExcept((byte)0) < 0);
    }
}
