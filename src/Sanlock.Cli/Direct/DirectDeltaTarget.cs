using System.Text;
using Sanlock.Cli.Common;
using Sanlock.Leases;
using Sanlock.Leases.Delta;
using Sanlock.OnDisk;
using Sanlock.Posix;

namespace Sanlock.Cli.Direct;

/// <summary>
/// What <c>direct acquire_id</c>, <c>renew_id</c> and <c>release_id</c> work on: the delta lease of
/// <c>-s LS:HOST_ID:PATH:OFFSET</c> opened read-write, its geometry (from -Z/-A, else from the lockspace's first
/// leader), the io_timeout of <c>-o</c> (default 10, written into the slot), and a fresh host name
/// (<c>UUID.HOSTNAME</c>, as the real CLI makes one per run).
/// </summary>
internal sealed class DirectDeltaTarget : IDisposable
{
    private const int MaxHostId = 2000;

    private readonly DirectFileDisk _disk;

    private DirectDeltaTarget(DirectFileDisk disk, DeltaLease lease)
    {
        _disk = disk;
        Lease = lease;
    }

    public DeltaLease Lease { get; }

    public static DirectDeltaTarget? Open(CliOptions options, DirectSizes sizes, CliOutput output, out DirectResult failure)
    {
        failure = DirectResult.Ok;
        if (options.Get('s') is not { } text)
        {
            failure = DirectResult.Fail(-22, "needs -s LOCKSPACE:HOST_ID:PATH:OFFSET");
            return null;
        }
        var lockspace = LockspaceArgument.Parse(text, out var why);
        if (lockspace is null)
        {
            failure = DirectResult.Fail(-22, why!);
            return null;
        }
        if (lockspace.HostId < 1 || lockspace.HostId > MaxHostId)
        {
            failure = DirectResult.Fail(-22, $"lockspace \"{text}\": host_id {lockspace.HostId} is not a valid host_id (1..{MaxHostId})");
            return null;
        }
        if (lockspace.Path.Length == 0)
        {
            failure = DirectResult.Fail(-22, $"lockspace \"{text}\" names no path");
            return null;
        }
        var ioTimeout = options.Get('o') is { } o ? CNumbers.Atoi(o) : Timeouts.DefaultIoTimeoutSeconds;
        if (ioTimeout < 1 || ioTimeout > 255)
        {
            failure = DirectResult.Fail(-22, $"-o {options.Get('o')}: io_timeout must be 1..255 seconds");
            return null;
        }

        DirectFileDisk disk;
        try
        {
            disk = DirectFileDisk.Open(lockspace.Path, DirectOpenMode.ReadWrite);
        }
        catch (LeaseIoException e)
        {
            failure = DirectResult.Fail(-Math.Max(e.Errno, 1), e.Message);
            return null;
        }

        try
        {
            if (lockspace.Offset < 0 || lockspace.Offset % disk.DeviceSectorSize != 0)
            {
                failure = DirectResult.Fail(-22, $"{lockspace.Path}: offset {lockspace.Offset} is not a multiple of the device's {disk.DeviceSectorSize}-byte sector");
                disk.Dispose();
                return null;
            }
            var space = new LeaseName(lockspace.Name);
            var geometry = sizes.TryGetGeometry(out var given) ? given
                : DeltaLease.ProbeGeometryAsync(disk, lockspace.Offset, space).GetAwaiter().GetResult();
            if (lockspace.HostId > geometry.MaxHosts)
            {
                failure = DirectResult.Fail(-22, $"lockspace \"{text}\": host_id {lockspace.HostId} is beyond max_hosts {geometry.MaxHosts} of {geometry}");
                disk.Dispose();
                return null;
            }
            var lease = new DeltaLease(disk, lockspace.Offset, geometry, space, (int)lockspace.HostId, FreshHostName(),
                new Timeouts(ioTimeout), SystemMonotonicClock.Instance);
            return new DirectDeltaTarget(disk, lease);
        }
        catch (Exception e) when (e is SanlockException or LeaseIoException)
        {
            disk.Dispose();
            failure = e is SanlockException s ? DirectResult.Fail(s.Code, s.Message)
                : DirectResult.Fail(-Math.Max(((LeaseIoException)e).Errno, 1), e.Message);
            return null;
        }
    }

    private static LeaseName FreshHostName()
    {
        var name = $"{Guid.NewGuid()}.{Environment.MachineName}";
        while (Encoding.UTF8.GetByteCount(name) > LeaseName.Size)
        {
            name = name[..^1];
        }
        return new LeaseName(name);
    }

    public void Dispose() => _disk.Dispose();
}
