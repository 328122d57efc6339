using Sanlock.Daemon.Spaces;
using Sanlock.Daemon.Storage;
using Sanlock.Leases;
using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;
using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Requests;
using Sanlock.Protocol.Structs;

namespace Sanlock.Daemon.Commands;

/// <summary>The resource index commands (§4.32; disk-format §8). Behaviour checked against sanlock 3.8.5: every
/// command but FORMAT needs the rindex lockspace joined (−2); CREATE, DELETE and REBUILD run under the
/// <c>rindex_lease</c> paxos lease (lver + 1 each, also when DELETE finds nothing); LOOKUP and UPDATE do not.</summary>
public sealed partial class CommandHandler
{
    private Task<Reply> RindexAsync(SmHeader header, RequestBody body, CancellationToken cancellationToken) => header.Command switch
    {
        SmCommand.FormatRindex => FormatRindexAsync(((RindexBody)body).Rindex),
        SmCommand.RebuildRindex => RindexCommandAsync(header, ((RindexBody)body).Rindex, null, RebuildAsync, underLease: true, cancellationToken),
        SmCommand.LookupRindex => RindexCommandAsync(header, Rx(body), Entry(body), LookupAsync, underLease: false, cancellationToken),
        SmCommand.UpdateRindex => RindexCommandAsync(header, Rx(body), Entry(body), UpdateAsync, underLease: false, cancellationToken),
        SmCommand.CreateResource => RindexCommandAsync(header, Rx(body), Entry(body), CreateAsync, underLease: true, cancellationToken),
        _ => RindexCommandAsync(header, Rx(body), Entry(body), DeleteAsync, underLease: true, cancellationToken),
    };

    private static SanlkRindex Rx(RequestBody body) => ((RindexEntryBody)body).Rindex;

    private static SanlkRentry Entry(RequestBody body) => ((RindexEntryBody)body).Entry;

    /// <summary>FORMAT_RINDEX: header + empty entries over one align area, then a fresh <c>rindex_lease</c>; no lockspace needed.</summary>
    private async Task<Reply> FormatRindexAsync(SanlkRindex rx)
    {
        if (rx.LockspaceName.Length == 0 || rx.Disk.Path.Length == 0 || !TryGeometry(rx.Flags, out var geometry))
        {
            return Reply.Of(SanlockError.EINVAL);
        }
        try
        {
            var disk = _daemon.Disks.Get(rx.Disk.Path);
            int length = 2 * geometry.AlignSize;
            using var buffer = disk.AllocateBuffer(length);
            RindexFormat.Build(buffer.Span[..geometry.AlignSize], geometry, rx.LockspaceName, rx.Disk.Offset, rx.MaxResources);
            RindexFormat.BuildRindexLease(buffer.Span[geometry.AlignSize..length], geometry, rx.LockspaceName);
            await disk.WriteAsync((long)rx.Disk.Offset, buffer, length).ConfigureAwait(false);
            return Reply.Of(0);
        }
        catch (LeaseIoException e)
        {
            return Reply.Of(e.Errno > 0 ? -e.Errno : (int)SanlockError.EIO);
        }
        catch (ArgumentException)
        {
            return Reply.Of(SanlockError.EINVAL);
        }
    }

    /// <summary>The shared frame of the other five: lockspace joined, one rindex operation per lockspace at a time,
    /// the header read and checked, the area loaded, optionally the rindex_lease held around the step.</summary>
    private async Task<Reply> RindexCommandAsync(SmHeader header, SanlkRindex rx, SanlkRentry? entry, RindexStep step, bool underLease,
        CancellationToken cancellationToken)
    {
        bool hasEntry = entry is not null;
        if (rx.LockspaceName.Length == 0 || rx.Disk.Path.Length == 0)
        {
            return RindexReply(SanlockError.EINVAL, default, hasEntry);
        }
        var space = _daemon.Spaces.Find(rx.LockspaceName);
        bool noLockspace = (header.CmdFlags & CommandFlags.RindexNoLockspace) != 0 && !underLease;
        if (!noLockspace && (space is not { IsUsable: true } || space.Engine is null))
        {
            return RindexReply(SanlockError.ENOENT, default, hasEntry);
        }
        var gate = space?.RindexGate;
        if (gate is not null && !gate.Wait(0, CancellationToken.None))
        {
            return RindexReply(SanlockError.EBUSY, default, hasEntry);
        }
        try
        {
            var disk = _daemon.Disks.Get(rx.Disk.Path);
            var ioDisk = space is null ? disk : new IoTimeoutDisk(disk, space.Timeouts.IoTimeout);
            var table = await LoadRindexAsync(ioDisk, rx, cancellationToken).ConfigureAwait(false);
            var job = new RindexJob(ioDisk, table, entry ?? default, header, space);
            if (!underLease)
            {
                var (result, answer) = await step(job, cancellationToken).ConfigureAwait(false);
                return RindexReply(result, answer, hasEntry);
            }
            var lease = new PaxosLease(ioDisk, RindexFormat.RindexLeaseOffset(table.RxOffset, table.Geometry), table.Geometry,
                rx.LockspaceName, RindexFormat.RindexLeaseName, _daemon.Clock, SystemRandomSource.Instance);
            var held = await lease.AcquireAsync(space!.Engine!, new AcquireOptions { OwnerNoWait = true }, cancellationToken).ConfigureAwait(false);
            try
            {
                var (result, answer) = await step(job, cancellationToken).ConfigureAwait(false);
                return RindexReply(result, answer, hasEntry);
            }
            finally
            {
                await lease.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (SanlockException e)
        {
            return RindexReply((SanlockError)e.Code, default, hasEntry);
        }
        catch (LeaseIoException e)
        {
            return RindexReply((SanlockError)(e.Errno > 0 ? -e.Errno : (int)SanlockError.EIO), default, hasEntry);
        }
        catch (ArgumentException)
        {
            return RindexReply(SanlockError.EINVAL, default, hasEntry);
        }
        finally
        {
            gate?.Release();
        }
    }

    private static async Task<RindexTable> LoadRindexAsync(ILeaseDisk disk, SanlkRindex rx, CancellationToken cancellationToken)
    {
        RindexHeader header;
        using (var first = disk.AllocateBuffer(4096))
        {
            // 4096 bytes: one whole sector whichever the sector size (the header says which it is).
            await disk.ReadAsync((long)rx.Disk.Offset, first, 4096, cancellationToken).ConfigureAwait(false);
            header = RindexHeader.Decode(first.Span);
        }
        var error = RindexValidation.CheckHeader(header, rx.LockspaceName, rx.Disk.Offset);
        if (error != SanlockError.Ok)
        {
            throw new SanlockException(error, $"{rx.Disk.Path}:{rx.Disk.Offset}: rindex header check failed");
        }
        if (!header.TryGetGeometry(out var geometry))
        {
            throw new SanlockException(SanlockError.RindexMagic, $"{rx.Disk.Path}:{rx.Disk.Offset}: rindex header names no geometry");
        }
        using var buffer = disk.AllocateBuffer(geometry.AlignSize);
        await disk.ReadAsync((long)rx.Disk.Offset, buffer, geometry.AlignSize, cancellationToken).ConfigureAwait(false);
        return new RindexTable(buffer.Span[..geometry.AlignSize].ToArray(), geometry, header);
    }

    private static Task<(SanlockError, RindexEntry)> LookupAsync(RindexJob job, CancellationToken cancellationToken) =>
        Task.FromResult(job.Table.Lookup(job.Entry.Name, job.Entry.Offset));

    private static async Task<(SanlockError, RindexEntry)> UpdateAsync(RindexJob job, CancellationToken cancellationToken)
    {
        uint flags = job.Header.CmdFlags & (CommandFlags.RindexUpdateAdd | CommandFlags.RindexUpdateRem);
        if (flags is not (CommandFlags.RindexUpdateAdd or CommandFlags.RindexUpdateRem))
        {
            return (SanlockError.EINVAL, default);
        }
        var (result, written, index) = job.Table.Update(job.Entry.Name, job.Entry.Offset, add: flags == CommandFlags.RindexUpdateAdd);
        if (result == SanlockError.Ok)
        {
            await WriteEntrySectorAsync(job, index, cancellationToken).ConfigureAwait(false);
        }
        return (result, written);
    }

    /// <summary>CREATE_RESOURCE: the first free slot gets a fresh resource lease (num_hosts = data2), then its entry.</summary>
    private async Task<(SanlockError, RindexEntry)> CreateAsync(RindexJob job, CancellationToken cancellationToken)
    {
        var table = job.Table;
        int index = table.FirstFree();
        if (index < 0)
        {
            return (SanlockError.ENOSPC, default);
        }
        ulong offset = table.ResourceOffset(index);
        var geometry = table.Geometry;
        int numHosts = (int)Math.Min(job.Header.Data2, (uint)geometry.MaxHosts);
        using (var area = job.Disk.AllocateBuffer(geometry.AlignSize))
        {
            ResourceFormat.Build(area.Span[..geometry.AlignSize], geometry, table.Header.LockspaceName, job.Entry.Name, numHosts);
            await job.Disk.WriteAsync((long)offset, area, geometry.AlignSize, cancellationToken).ConfigureAwait(false);
        }
        table.Set(index, new RindexEntry { ResOffset = offset, Name = job.Entry.Name });
        await WriteEntrySectorAsync(job, index, cancellationToken).ConfigureAwait(false);
        return (SanlockError.Ok, new RindexEntry { ResOffset = offset });
    }

    /// <summary>DELETE_RESOURCE: by name; the entry is cleared, then the lease is rewritten with the CLEAR magic.</summary>
    private async Task<(SanlockError, RindexEntry)> DeleteAsync(RindexJob job, CancellationToken cancellationToken)
    {
        var table = job.Table;
        int index = table.FindByName(job.Entry.Name);
        if (index < 0)
        {
            return (SanlockError.ENOENT, default);
        }
        var found = table.Get(index);
        table.Set(index, default);
        await WriteEntrySectorAsync(job, index, cancellationToken).ConfigureAwait(false);
        var geometry = table.Geometry;
        using (var area = job.Disk.AllocateBuffer(geometry.AlignSize))
        {
            ResourceFormat.Build(area.Span[..geometry.AlignSize], geometry, table.Header.LockspaceName, found.Name, 0,
                clear: true, now: _daemon.Clock.NowSeconds);
            await job.Disk.WriteAsync((long)found.ResOffset, area, geometry.AlignSize, cancellationToken).ConfigureAwait(false);
        }
        return (SanlockError.Ok, default);
    }

    /// <summary>REBUILD_RINDEX: each slot's entry from the leader found there, up to the end of the file; all entry sectors written.</summary>
    private static async Task<(SanlockError, RindexEntry)> RebuildAsync(RindexJob job, CancellationToken cancellationToken)
    {
        var table = job.Table;
        var geometry = table.Geometry;
        long end = DeviceEnd(job.Disk.Path);
        using (var sector = job.Disk.AllocateBuffer(geometry.SectorSize))
        {
            for (int i = 0; i < table.Count; i++)
            {
                long offset = (long)table.ResourceOffset(i);
                Leader? leader = null;
                if (offset + geometry.SectorSize <= end)
                {
                    await job.Disk.ReadAsync(offset, sector, geometry.SectorSize, cancellationToken).ConfigureAwait(false);
                    leader = Leader.Decode(sector.Span);
                }
                table.SetFromLeader(i, leader);
            }
        }
        var (position, length) = table.EntrySectors();
        await WriteAreaSliceAsync(job, position, length, cancellationToken).ConfigureAwait(false);
        return (SanlockError.Ok, default);
    }

    /// <summary>Where reads stop for a rebuild: the size of a regular file; devices (size 0 here) are read to the last slot.</summary>
    private static long DeviceEnd(string path)
    {
        long length = new FileInfo(path).Length;
        return length > 0 ? length : long.MaxValue;
    }

    private static Task WriteEntrySectorAsync(RindexJob job, int index, CancellationToken cancellationToken)
    {
        var (position, length) = job.Table.SectorOf(index);
        return WriteAreaSliceAsync(job, position, length, cancellationToken);
    }

    private static async Task WriteAreaSliceAsync(RindexJob job, int position, int length, CancellationToken cancellationToken)
    {
        using var buffer = job.Disk.AllocateBuffer(length);
        job.Table.Area.Slice(position, length).CopyTo(buffer.Span);
        await job.Disk.WriteAsync(job.Table.RxOffset + position, buffer, length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>FORMAT and REBUILD reply with the header only; the others always carry a 64-byte rentry (zeros on error).</summary>
    private static Reply RindexReply(SanlockError result, RindexEntry entry, bool withEntry)
    {
        if (!withEntry)
        {
            return Reply.Of(result);
        }
        var rentry = result == SanlockError.Ok ? new SanlkRentry(entry.Name.ToString(), entry.ResOffset) : new SanlkRentry(string.Empty, 0);
        return Reply.WithPayload((int)result, Encode(new RentryReply(rentry)));
    }

    private delegate Task<(SanlockError Result, RindexEntry Entry)> RindexStep(RindexJob job, CancellationToken cancellationToken);

    private sealed record RindexJob(ILeaseDisk Disk, RindexTable Table, SanlkRentry Entry, SmHeader Header, Space? Space);
}
