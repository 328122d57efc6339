using Sanlock.OnDisk;
using Sanlock.Posix;
using Sanlock.TestKit;

namespace Sanlock.InteropTests.Direct;

/// <summary>The O_DIRECT disk on real files: whole-sector I/O, EOF handling, alignment checks and error messages.</summary>
public sealed class DirectFileDiskTests : IDisposable
{
    private readonly TempLeaseDir _dir = new("direct-disk");

    [Fact]
    public void WriteThenRead_RoundTripsWholeSectors()
    {
        var path = _dir.CreateFile("lease", 1 << 20);
        using var disk = DirectFileDisk.Open(path, DirectOpenMode.ReadWrite);
        using var buffer = disk.AllocateBuffer(4096);
        new Random(1).NextBytes(buffer.Span);
        var written = buffer.Span.ToArray();

        disk.Write(8192, buffer, 4096);
        buffer.Span.Clear();
        Assert.Equal(4096, disk.ReadAvailable(8192, buffer, 4096));

        Assert.Equal(written, buffer.Span.ToArray());
        Assert.Equal(written, File.ReadAllBytes(path).AsSpan(8192, 4096).ToArray());
        Assert.Equal(512, disk.DeviceSectorSize);
        Assert.False(disk.IsBlockDevice);
    }

    [Fact]
    public async Task ReadAsync_PastEndOfFile_ZeroFillsAndReadAvailableSaysHowMuchWasThere()
    {
        var content = Enumerable.Repeat((byte)0xAB, 1024).ToArray();
        var path = _dir.CreateFile("short", content);
        using var disk = DirectFileDisk.Open(path, DirectOpenMode.ReadOnly);
        using var buffer = disk.AllocateBuffer(4096);
        buffer.Span.Fill(0xFF);

        Assert.Equal(1024, disk.ReadAvailable(0, buffer, 4096));
        Assert.Equal(content, buffer.Span[..1024].ToArray());
        Assert.All(buffer.Span[1024..].ToArray(), b => Assert.Equal(0, b));

        buffer.Span.Fill(0xFF);
        await disk.ReadAsync(0, buffer, 4096, TestContext.Current.CancellationToken);
        Assert.All(buffer.Span[1024..].ToArray(), b => Assert.Equal(0, b));
        Assert.Equal(0, disk.ReadAvailable(4096, buffer, 512));
    }

    [Theory]
    [InlineData(100, 512, "offset 100")]
    [InlineData(512, 100, "length 100")]
    [InlineData(0, 8192, "outside the buffer")]
    public void Read_WhenNotSectorAligned_ThrowsNamingPathAndValue(long offset, int length, string named)
    {
        var path = _dir.CreateFile("lease", 1 << 20);
        using var disk = DirectFileDisk.Open(path, DirectOpenMode.ReadOnly);
        using var buffer = disk.AllocateBuffer(4096);
        var error = Assert.Throws<LeaseIoException>(() => disk.ReadAvailable(offset, buffer, length));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Equal(22, error.Errno);
    }

    [Fact]
    public void Write_WhenOpenedReadOnly_ThrowsAndLeavesFile()
    {
        var path = _dir.CreateFile("lease", 4096);
        using var disk = DirectFileDisk.Open(path, DirectOpenMode.ReadOnly);
        using var buffer = disk.AllocateBuffer(512);
        buffer.Span.Fill(1);
        var error = Assert.Throws<LeaseIoException>(() => disk.Write(0, buffer, 512));
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(new byte[4096], File.ReadAllBytes(path));
    }

    [Fact]
    public void Open_WhenFileMissing_ThrowsWithPathFlagsAndErrno()
    {
        var path = _dir.PathOf("missing");
        var error = Assert.Throws<LeaseIoException>(() => DirectFileDisk.Open(path, DirectOpenMode.ReadWrite));
        Assert.Equal(2, error.Errno);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("O_RDWR|O_DIRECT|O_SYNC|O_CLOEXEC", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Open_WhenFilesystemRefusesODirect_SaysSo()
    {
        var error = Assert.Throws<LeaseIoException>(() => DirectFileDisk.Open("/proc/version", DirectOpenMode.ReadOnly));
        Assert.Equal(22, error.Errno);
        Assert.Contains("does not support O_DIRECT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OnLoopDeviceWith4KSectors_ReportsBlockDeviceSectorSize()
    {
        var backing = _dir.CreateFile("backing", 1 << 20);
        using var loop = LoopDevice.TryAttach(backing, out var whyNot, 4096);
        if (loop is null)
        {
            Assert.Skip(whyNot!);
        }
        using var disk = DirectFileDisk.Open(loop.DevicePath, DirectOpenMode.ReadOnly);
        Assert.True(disk.IsBlockDevice);
        Assert.Equal(4096, disk.DeviceSectorSize);
        using var buffer = disk.AllocateBuffer(4096);
        Assert.Throws<LeaseIoException>(() => disk.ReadAvailable(512, buffer, 512));
    }

    public void Dispose() => _dir.Dispose();
}
