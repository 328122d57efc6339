using Sanlock.Cli.Common;
using Sanlock.Leases;
using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;
using Sanlock.Posix;

namespace Sanlock.Cli.Direct;

/// <summary>
/// What <c>direct acquire</c> and <c>direct release</c> work on: the resource of <c>-r LS:NAME:PATH:OFFSET[:LVER|:SH]</c>
/// opened read-write, its geometry (from -Z/-A, else from the leader at OFFSET), and the caller as
/// <c>-i HOST_ID -g GENERATION</c>.
/// </summary>
internal sealed class DirectLeaseTarget : IDisposable
{
    /// <summary>The largest max_hosts of any geometry (512/1M); the leader's own limit is checked when it is read.</summary>
    private const int MaxHostId = 2000;

    private readonly DirectFileDisk _disk;

    private DirectLeaseTarget(DirectFileDisk disk, ResourceArgument resource, PaxosLease lease, DirectLockspaceView me)
    {
        _disk = disk;
        Resource = resource;
        Lease = lease;
        Me = me;
    }

    public ResourceArgument Resource { get; }

    public PaxosLease Lease { get; }

    public DirectLockspaceView Me { get; }

    /// <summary>Opens the target, or returns null with the code the real CLI would print and our reason.</summary>
    public static DirectLeaseTarget? Open(CliOptions options, DirectSizes sizes, CliOutput output, out DirectResult failure)
    {
        failure = DirectResult.Ok;
        if (options.Get('r') is not { } text)
        {
            failure = DirectResult.Fail(-1, "needs -r LOCKSPACE:NAME:PATH:OFFSET");
            return null;
        }
        var resource = ResourceArgument.Parse(text, out var code, out var why);
        if (resource is null)
        {
            output.Out.WriteLine($"resource arg parse error {code}\n");
            failure = DirectResult.Fail(-1, why!);
            return null;
        }
        if (resource.Disks.Count != 1)
        {
            failure = DirectResult.Fail(-1, $"resource \"{text}\" names {resource.Disks.Count} disks; direct acquire and release take exactly one");
            return null;
        }

        var hostId = options.Get('i') is { } i ? CNumbers.Atoi(i) : 0;
        if (hostId < 1 || hostId > MaxHostId)
        {
            failure = DirectResult.Fail(-22, $"-i {options.Get('i') ?? "(missing)"}: host_id must be 1..{MaxHostId}");
            return null;
        }
        var generation = options.Get('g') is { } g ? unchecked((ulong)CNumbers.Strtoll(g, out _)) : 0;
        var ioTimeout = options.Get('o') is { } o ? CNumbers.Atoi(o) : Timeouts.DefaultIoTimeoutSeconds;
        if (ioTimeout < 1)
        {
            failure = DirectResult.Fail(-22, $"-o {options.Get('o')}: io_timeout must be at least 1 second");
            return null;
        }

        var place = resource.Disks[0];
        DirectFileDisk disk;
        try
        {
            disk = DirectFileDisk.Open(place.Path, DirectOpenMode.ReadWrite);
        }
        catch (LeaseIoException e)
        {
            failure = DirectResult.Fail(-Math.Max(e.Errno, 1), e.Message);
            return null;
        }

        try
        {
            if (place.Offset < 0 || place.Offset % disk.DeviceSectorSize != 0)
            {
                failure = DirectResult.Fail(-22, $"{place.Path}: offset {place.Offset} is not a multiple of the device's {disk.DeviceSectorSize}-byte sector");
                disk.Dispose();
                return null;
            }
            if (!TryGeometry(disk, place, sizes, out var geometry, out failure))
            {
                disk.Dispose();
                return null;
            }
            var space = new LeaseName(resource.Lockspace);
            var lease = new PaxosLease(disk, place.Offset, geometry, space, new LeaseName(resource.Name),
                SystemMonotonicClock.Instance, SystemRandomSource.Instance);
            return new DirectLeaseTarget(disk, resource, lease, new DirectLockspaceView(space, hostId, generation, new Timeouts(ioTimeout)));
        }
        catch (LeaseIoException e)
        {
            disk.Dispose();
            failure = DirectResult.Fail(-Math.Max(e.Errno, 1), e.Message);
            return null;
        }
    }

    private static bool TryGeometry(DirectFileDisk disk, ResourceDisk place, DirectSizes sizes, out LeaseGeometry geometry, out DirectResult failure)
    {
        failure = DirectResult.Ok;
        if (sizes.TryGetGeometry(out geometry))
        {
            return true;
        }
        using var buffer = disk.AllocateBuffer(disk.DeviceSectorSize);
        var got = disk.ReadAvailable(place.Offset, buffer, disk.DeviceSectorSize);
        if (got < disk.DeviceSectorSize)
        {
            failure = DirectResult.Fail(-90, $"{place.Path}: only {got} bytes exist at offset {place.Offset}");
            return false;
        }
        var leader = Leader.Decode(buffer.Span);
        if (leader.Magic != Leader.PaxosMagic || !leader.TryGetGeometry(out geometry))
        {
            failure = DirectResult.Fail(-1,
                $"{place.Path}: offset {place.Offset} holds no resource leader (magic 0x{leader.Magic:x8}, sector_size {leader.SectorSize}); " +
                "initialise it with direct init -r, or give -Z and -A");
            return false;
        }
        return true;
    }

    public void Dispose() => _disk.Dispose();
}
