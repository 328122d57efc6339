using Sanlock.OnDisk;

namespace Sanlock.TestKit.Simulation;

/// <summary>
/// One host's <see cref="ILeaseDisk"/> onto a <see cref="SimDisk"/>. Each I/O is applied in pieces at
/// sector boundaries with scheduling points between (so other hosts' I/Os interleave inside it); faults
/// from <see cref="SimFaults"/> are drawn from the seed. A write's data is taken when it is issued; a piece
/// still lands after the issuing host crashed or gave up on a timeout, as on a real disk: other hosts see
/// it late. The host's own later I/Os take effect after it (the <see cref="ILeaseDisk"/> contract: one
/// host's I/Os on its disk are applied in issue order, as a synchronous pread/pwrite gives).
/// </summary>
public sealed class SimDiskView : ILeaseDisk
{
    private const int SectorSize = 512;
    private const int Eio = 5;
    private const int Etimedout = 110;

    private readonly SimDisk _disk;
    private readonly SimScheduler _scheduler;
    private readonly SimHost _host;
    private TimeSpan _lateIoLandsAt;

    public SimDiskView(SimDisk disk, SimScheduler scheduler, SimHost host, TimeSpan ioTimeout, SimFaults? faults = null)
    {
        _disk = disk;
        _scheduler = scheduler;
        _host = host;
        IoTimeout = ioTimeout;
        Faults = faults ?? SimFaults.None;
    }

    public string Path => _disk.Path;

    public int DeviceSectorSize => SectorSize;

    public TimeSpan IoTimeout { get; }

    /// <summary>Fault probabilities; replace to turn faults on or off mid-run.</summary>
    public SimFaults Faults { get; set; }

    public long Reads { get; private set; }

    public long Writes { get; private set; }

    public AlignedBuffer AllocateBuffer(int length) => new(length);

    public ValueTask ReadAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default)
    {
        Reads++;
        return Submit(offset, length, isWrite: false, (pieceOffset, pieceStart, pieceLength) =>
        {
            try
            {
                _disk.Read(pieceOffset, buffer.Span.Slice(pieceStart, pieceLength));
            }
            catch (ObjectDisposedException)
            {
                // The reader gave up (timeout) and freed the buffer before this late piece arrived.
            }
        });
    }

    public ValueTask WriteAsync(long offset, AlignedBuffer buffer, int length, CancellationToken cancellationToken = default)
    {
        Writes++;
        byte[] data = buffer.Span[..length].ToArray();
        return Submit(offset, length, isWrite: true, (pieceOffset, pieceStart, pieceLength) =>
            _disk.Write(pieceOffset, data.AsSpan(pieceStart, pieceLength)));
    }

    public void Dispose()
    {
    }

    private ValueTask Submit(long offset, int length, bool isWrite, Action<long, int, int> applyPiece)
    {
        if (offset % SectorSize != 0 || length % SectorSize != 0 || length <= 0)
        {
            throw new ArgumentException($"unaligned I/O: {length} bytes at {offset}");
        }

        var random = _scheduler.Random;
        var now = _scheduler.Now;
        var start = _lateIoLandsAt >= now ? _lateIoLandsAt + TimeSpan.FromTicks(1) : now;
        var done = new TaskCompletionSource();
        if (Roll(Faults.CrashBeforeIo))
        {
            _host.Crash(now);
            return new ValueTask(done.Task);
        }

        if (Roll(Faults.Eio))
        {
            _scheduler.Schedule(_host, start + Latency(), () => done.TrySetException(
                new LeaseIoException($"{(isWrite ? "write" : "read")} of {length} bytes at {offset} on {Path}: injected EIO", Eio)));
            return new ValueTask(done.Task);
        }

        var total = Latency();
        bool late = Roll(Faults.DelayPastTimeout);
        if (late)
        {
            total += IoTimeout + (IoTimeout * (2 * random.NextDouble()));
        }

        int sectors = length / SectorSize;
        int pieces = Math.Min(sectors, 1 + random.Next(Math.Max(1, Faults.MaxPieces)));
        var cuts = new SortedSet<int> { 0, sectors };
        while (cuts.Count < pieces + 1)
        {
            cuts.Add(1 + random.Next(sectors - 1));
        }

        var bounds = cuts.ToArray();
        int applied = 0;
        for (int i = 0; i < pieces; i++)
        {
            int startSector = bounds[i];
            int endSector = bounds[i + 1];
            var at = start + (total * (i + 1) / pieces);
            _scheduler.Schedule(null, at, () =>
            {
                applyPiece(offset + ((long)startSector * SectorSize), startSector * SectorSize, (endSector - startSector) * SectorSize);
                if (++applied == pieces && !late)
                {
                    _scheduler.Schedule(_host, _scheduler.Now, () => done.TrySetResult());
                }
            });
        }

        if (late)
        {
            _lateIoLandsAt = start + total;
            _scheduler.Schedule(_host, now + IoTimeout, () => done.TrySetException(
                new LeaseIoException($"{(isWrite ? "write" : "read")} of {length} bytes at {offset} on {Path}: timed out after {IoTimeout.TotalSeconds} s", Etimedout)));
        }

        return new ValueTask(done.Task);
    }

    private TimeSpan Latency() => Faults.MaxLatency * _scheduler.Random.NextDouble();

    private bool Roll(double probability) => probability > 0 && _scheduler.Random.NextDouble() < probability;
}
