using Polly;
using Polly.Timeout;
using Sanlock.OnDisk;

namespace Sanlock.Daemon.Storage;

/// <summary>Bounds every I/O on a lease disk by io_timeout (disk-format §6.1) with a Polly timeout pipeline; the
/// blocking pread/pwrite runs on a worker thread so a stuck device cannot hold the caller past the bound.</summary>
/// <remarks>A timed-out I/O is reported as <see cref="LeaseIoException"/> with errno 110 (ETIMEDOUT), which the lease
/// engine turns into −202 (AIO timeout) and, crucially, does not reuse the buffer the late I/O may still fill.</remarks>
public sealed class IoTimeoutDisk : ILeaseDisk
{
    private const int Etimedout = 110;
    private readonly ILeaseDisk _inner;
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _timeout;

    public IoTimeoutDisk(ILeaseDisk inner, TimeSpan timeout)
    {
        _inner = inner;
        _timeout = timeout;
        _pipeline = new ResiliencePipelineBuilder().AddTimeout(timeout).Build();
    }

    public string Path => _inner.Path;

    public int DeviceSectorSize => _inner.DeviceSectorSize;

    public AlignedBuffer AllocateBuffer(int length) => _inner.AllocateBuffer(length);

    public ValueTask ReadAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default) =>
        RunAsync(() => _inner.ReadAsync(offset, buffer, length, CancellationToken.None), "read", offset, length, cancellationToken);

    public ValueTask WriteAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default) =>
        RunAsync(() => _inner.WriteAsync(offset, buffer, length, CancellationToken.None), "write", offset, length, cancellationToken);

    /// <summary>The shared inner disk stays open (it belongs to <see cref="LeaseDiskCache"/>).</summary>
    public void Dispose()
    {
    }

    private async ValueTask RunAsync(Func<ValueTask> io, string op, long offset, int length, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(
                static async (state, ct) => await state.WaitAsync(ct).ConfigureAwait(false),
                Task.Run(async () => await io().ConfigureAwait(false), CancellationToken.None),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new LeaseIoException($"{op} of {length} bytes at offset {offset} of {Path} took longer than io_timeout {_timeout.TotalSeconds:0} s", Etimedout);
        }
    }
}
