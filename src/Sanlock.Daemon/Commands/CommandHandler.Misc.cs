using System.Net.Sockets;
using Sanlock.Daemon.Clients;
using Sanlock.Leases.Delta;
using Sanlock.OnDisk;
using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Requests;
using Sanlock.Protocol.Structs;

namespace Sanlock.Daemon.Commands;

public sealed partial class CommandHandler
{
    /// <summary>SHUTDOWN (§4.6): no reply; without force only when no lockspace exists; with force leave everything.</summary>
    private Reply Shutdown(SmHeader header)
    {
        if (_daemon.Spaces.Snapshot().Count == 0 || header.Data != 0)
        {
            StopAfterRemovingLockspaces();
        }
        return Reply.None.Closing();
    }

    /// <summary>Forced shutdown (§4.7.6): every lockspace is removed first — its holders SIGKILLed on the kill schedule
    /// while their connections are still open — then the host stops (which closes the remaining connections).</summary>
    private void StopAfterRemovingLockspaces()
    {
        var spaces = _daemon.Spaces.Snapshot();
        if (spaces.Count == 0)
        {
            _daemon.Lifetime.StopApplication();
            return;
        }
        _ = Task.Run(async () =>
        {
            await Task.WhenAll(spaces.Select(RemoveAsync)).ConfigureAwait(false);
            _daemon.Lifetime.StopApplication();
        });
    }

    /// <summary>SHUTDOWN_WAIT: −16 while lockspaces exist (without force); else the reply comes at exit.</summary>
    private Reply ShutdownWait(ClientState client, SmHeader header)
    {
        if (_daemon.Spaces.Snapshot().Count > 0 && header.Data == 0)
        {
            return Reply.Of(SanlockError.EBUSY);
        }
        if (client.Socket is { } socket)
        {
            lock (_daemon.ShutdownWaiters)
            {
                _daemon.ShutdownWaiters.Add(socket);
            }
        }
        StopAfterRemovingLockspaces();
        return Reply.None;
    }

    /// <summary>SET_CONFIG (§4.28).</summary>
    private Reply SetConfig(SmHeader header, LockspaceBody body)
    {
        var space = _daemon.Spaces.Find(body.Lockspace.Name);
        if (space is null)
        {
            return Reply.Of(SanlockError.ENOENT).Closing();
        }
        switch (header.Data)
        {
            case 1: space.UsedByConfig = true; break;
            case 2: space.UsedByConfig = false; break;
            case 4: space.UsedByOrphansConfig = true; break;
            case 8: space.UsedByOrphansConfig = false; break;
            default: return Reply.Of(SanlockError.EINVAL).Closing();
        }
        return Reply.Of(0).Closing();
    }

    /// <summary>SET_EVENT (§4.30): the event rides on our next renewals with the target's bitmap bit.</summary>
    private Reply SetEvent(SmHeader header, LockspaceEventBody body)
    {
        var space = _daemon.Spaces.Find(body.Lockspace.Name);
        if (space?.Engine is not { } engine)
        {
            return Reply.Of(SanlockError.ENOENT);
        }
        var ev = body.Event;
        if (ev.HostId == 0 || ev.HostId > (ulong)space.Geometry.MaxHosts)
        {
            return Reply.Of(SanlockError.EINVAL);
        }
        var now = _daemon.Clock.Now;
        bool recent = space.LastEventSet != TimeSpan.Zero && now - space.LastEventSet < space.Timeouts.SetBitmap;
        if (recent && space.LastEvent.Event != 0 && space.LastEvent != ev && (header.CmdFlags & CommandFlags.SetEventReplaceEvent) == 0)
        {
            return Reply.Of(SanlockError.EBUSY);
        }
        ulong generation = ev.Generation;
        if (generation == 0 && (header.CmdFlags & CommandFlags.SetEventCurGeneration) != 0)
        {
            generation = engine.Tracker.Get((int)ev.HostId)?.OwnerGeneration ?? 0;
        }
        engine.SetEvent((int)ev.HostId, new HostEvent(generation, ev.Event, ev.Data));
        space.LastEventSet = now;
        space.LastEvent = ev;
        return Reply.Of(0);
    }

    /// <summary>REG_EVENT (§4.31): the connection becomes an event channel of the lockspace.</summary>
    private Reply RegEvent(ClientState client, LockspaceEventBody body)
    {
        var space = _daemon.Spaces.Find(body.Lockspace.Name);
        if (space is null)
        {
            return Reply.Of(SanlockError.ENOENT);
        }
        if (client.Socket is not { } socket)
        {
            return Reply.Of(SanlockError.EINVAL);
        }
        lock (space.EventChannels)
        {
            if (space.EventChannels.Count >= 32)
            {
                return Reply.Of(SanlockError.ENOCSI);
            }
            space.EventChannels.Add(socket);
        }
        client.NeedFree = true;
        return Reply.Of(0);
    }

    /// <summary>END_EVENT (§4.31): drop every channel of the lockspace whose client wrote 1 and/or hung up.</summary>
    private Reply EndEvent(LockspaceBody body)
    {
        var space = _daemon.Spaces.Find(body.Lockspace.Name);
        if (space is null)
        {
            return Reply.Of(SanlockError.ENOENT).Closing();
        }
        lock (space.EventChannels)
        {
            foreach (var channel in space.EventChannels.ToArray())
            {
                if (ChannelEnded(channel))
                {
                    space.EventChannels.Remove(channel);
                    channel.Dispose();
                }
            }
        }
        return Reply.Of(0).Closing();
    }

    private static bool ChannelEnded(Socket channel)
    {
        try
        {
            if (!channel.Poll(0, SelectMode.SelectRead))
            {
                return false;
            }
            int available = channel.Available;
            if (available == 0)
            {
                return true;
            }
            Span<byte> value = stackalloc byte[4];
            int n = channel.Receive(value[..Math.Min(4, available)]);
            return n < 4 || BitConverter.ToUInt32(value) == 1;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
        {
            return false;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>ALIGN (§4.15): the default alignment (1 MiB for files and 512-byte devices); −19 when unopenable.</summary>
    private Reply Align(DiskBody body)
    {
        if (body.Disk.Path.Length == 0)
        {
            return Reply.Of(SanlockError.ENODEV);
        }
        try
        {
            _daemon.Disks.Get(body.Disk.Path);
            return Reply.Of(LeaseGeometry.OneMiB);
        }
        catch (LeaseIoException)
        {
            return Reply.Of(SanlockError.ENODEV);
        }
    }

    /// <summary>WRITE_LOCKSPACE (§4.16): a fresh lockspace area; data2 = io_timeout (0 ⇒ 10).</summary>
    private async Task<Reply> WriteLockspaceAsync(SmHeader header, LockspaceBody body)
    {
        var ls = body.Lockspace;
        if (ls.HostIdDisk.Path.Length == 0)
        {
            return Reply.Of(SanlockError.ENODEV);
        }
        if (!TryGeometry((uint)ls.Flags, out var geometry))
        {
            return Reply.Of(SanlockError.EINVAL);
        }
        ushort ioTimeout = header.Data2 == 0 ? LockspaceFormat.DefaultIoTimeout : (ushort)Math.Min(header.Data2, 255u);
        return await WriteAreaAsync(ls.HostIdDisk.Path, ls.HostIdDisk.Offset, geometry.AlignSize,
            area => LockspaceFormat.BuildCommitted(area, geometry, ls.Name, ioTimeout), SanlockError.ENODEV).ConfigureAwait(false);
    }

    /// <summary>WRITE_RESOURCE (§4.17): a fresh resource area; data = num_hosts (0 ⇒ default).</summary>
    private async Task<Reply> WriteResourceAsync(SmHeader header, ResourceWithDisksBody body)
    {
        var res = body.Resource;
        if (!TryGeometry((uint)res.Flags, out var geometry))
        {
            return Reply.Of(SanlockError.EINVAL);
        }
        int numHosts = header.Data == 0 ? 2000 : (int)Math.Min(header.Data, (uint)geometry.MaxHosts);
        bool clear = (header.CmdFlags & CommandFlags.WriteClear) != 0;
        foreach (var disk in res.Disks)
        {
            var reply = await WriteAreaAsync(disk.Path, disk.Offset, geometry.AlignSize,
                area => ResourceFormat.Build(area, geometry, res.LockspaceName, res.Name, numHosts, clear), SanlockError.ENOENT).ConfigureAwait(false);
            if (reply.Result != 0)
            {
                return reply;
            }
        }
        return Reply.Of(0);
    }

    /// <summary>READ_LOCKSPACE (§4.18): name and io_timeout from disk; the struct is always sent.</summary>
    private async Task<Reply> ReadLockspaceAsync(LockspaceBody body)
    {
        var ls = body.Lockspace;
        int result = 0;
        uint ioTimeout = 0;
        var answer = ls;
        try
        {
            var disk = _daemon.Disks.Get(ls.HostIdDisk.Path);
            var first = await ReadLeaderAsync(disk, (long)ls.HostIdDisk.Offset).ConfigureAwait(false);
            if (first.Magic != Leader.DeltaMagic)
            {
                throw new SanlockException(SanlockError.LeaderMagic, $"{ls.HostIdDisk.Path}:{ls.HostIdDisk.Offset} holds no lockspace");
            }
            if (ls.Name.Length > 0 && ls.Name != first.SpaceName.ToString())
            {
                throw new SanlockException(SanlockError.LeaderLockspace, $"{ls.HostIdDisk.Path}: lockspace is {first.SpaceName}, not {ls.Name}");
            }
            if (!first.TryGetGeometry(out var geometry))
            {
                throw new SanlockException(SanlockError.LeaderSectorSize, $"{ls.HostIdDisk.Path}: bad sector/align flags");
            }
            int hostId = ls.HostId == 0 ? 1 : (int)ls.HostId;
            var leader = await ReadLeaderAsync(disk, LockspaceLayout.SlotOffset((long)ls.HostIdDisk.Offset, geometry, hostId)).ConfigureAwait(false);
            ioTimeout = leader.IoTimeout;
            answer = ls with { Name = leader.SpaceName.ToString(), HostId = (ulong)hostId, Flags = (LockspaceFlags)(geometry.LeaderAlignFlag | SectorFlag(geometry)) };
        }
        catch (SanlockException e)
        {
            result = e.Code;
        }
        catch (LeaseIoException e)
        {
            result = e.Errno > 0 ? -e.Errno : (int)SanlockError.ENODEV;
        }
        return Reply.WithPayload(result, Encode(new LockspaceReply(answer)), ioTimeout);
    }

    /// <summary>READ_RESOURCE / READ_RESOURCE_OWNERS (§4.19–4.20): owners are the leader's owner unless its timestamp is
    /// 0, then every host whose mode block says SHARED (timestamp 0); the resource then carries the SHARED flag.</summary>
    private async Task<Reply> ReadResourceAsync(ResourceWithDisksBody body, bool owners)
    {
        var res = body.Resource;
        try
        {
            var disk = _daemon.Disks.Get(res.Disks[0].Path);
            using var buffer = disk.AllocateBuffer(4096);
            await disk.ReadAsync((long)res.Disks[0].Offset, buffer, 4096).ConfigureAwait(false);
            var leader = Leader.Decode(buffer.Span);
            if (leader.Magic != Leader.PaxosMagic)
            {
                return Reply.WithPayload((int)SanlockError.LeaderMagic, Encode(new ResourceReply(res)));
            }
            if (res.LockspaceName.Length > 0 && res.LockspaceName != leader.SpaceName.ToString())
            {
                return Reply.WithPayload((int)SanlockError.LeaderLockspace, Encode(new ResourceReply(res)));
            }
            if (res.Name.Length > 0 && res.Name != leader.ResourceName.ToString())
            {
                return Reply.WithPayload((int)SanlockError.LeaderResource, Encode(new ResourceReply(res)));
            }
            leader.TryGetGeometry(out var geometry);
            var answer = res with
            {
                LockspaceName = leader.SpaceName.ToString(),
                Name = leader.ResourceName.ToString(),
                Lver = leader.Lver,
                Flags = owners ? ResourceFlags.None : (ResourceFlags)(geometry.LeaderAlignFlag | SectorFlag(geometry)),
                Disks = [],
            };
            if (!owners)
            {
                return Reply.WithPayload(0, Encode(new ResourceReply(answer)));
            }
            var hosts = new List<SanlkHost>();
            if (!leader.IsFree)
            {
                hosts.Add(new SanlkHost(leader.OwnerId, leader.OwnerGeneration, leader.Timestamp, 0, 0));
            }
            int numHosts = geometry.IsValid ? (int)Math.Min(leader.NumHosts, (ulong)geometry.MaxHosts) : 0;
            if (numHosts == 0)
            {
                return Reply.WithPayload(0, Encode(new ResourceOwnersReply(answer, hosts)), (uint)hosts.Count);
            }
            int length = SharedOwners.SpanLength(geometry, numHosts);
            using var dblocks = disk.AllocateBuffer(length);
            await disk.ReadAsync((long)res.Disks[0].Offset, dblocks, length).ConfigureAwait(false);
            var shared = SharedOwners.Read(dblocks.Span[..length], geometry, numHosts);
            foreach (var (hostId, generation) in shared)
            {
                hosts.Add(new SanlkHost((ulong)hostId, generation, 0, 0, 0));
            }
            answer = answer with { Flags = shared.Count > 0 ? ResourceFlags.Shared : ResourceFlags.None };
            return Reply.WithPayload(0, Encode(new ResourceOwnersReply(answer, hosts)), (uint)hosts.Count);
        }
        catch (LeaseIoException e)
        {
            return Reply.WithPayload(e.Errno > 0 ? -e.Errno : (int)SanlockError.EIO, owners ? [] : Encode(new ResourceReply(res)));
        }
    }

    /// <summary>SET_LVB (§4.29): the value is written when the lease is released.</summary>
    private Reply SetLvb(SetLvbBody body)
    {
        var entry = _daemon.Resources.FindHeld(body.Resource.LockspaceName, body.Resource.Name);
        if (entry is null)
        {
            return Reply.Of(SanlockError.ENOENT);
        }
        if (entry.Lvb is null)
        {
            return Reply.Of(SanlockError.EINVAL);
        }
        if (body.Lvb.Length > entry.Space.Geometry.SectorSize)
        {
            return Reply.Of(SanlockError.E2BIG);
        }
        var value = new byte[entry.Space.Geometry.SectorSize];
        body.Lvb.Span.CopyTo(value);
        entry.Lvb = value;
        entry.LvbDirty = true;
        return Reply.Of(0);
    }

    /// <summary>GET_LVB (§4.29): a whole sector.</summary>
    private Reply GetLvb(ResourcesBody body)
    {
        var res = body.Resources[0];
        var entry = _daemon.Resources.FindHeld(res.LockspaceName, res.Name);
        if (entry is null)
        {
            return Reply.Of(SanlockError.ENOENT);
        }
        if (entry.Lvb is not { } lvb)
        {
            return Reply.Of(SanlockError.EINVAL);
        }
        return Reply.WithPayload(0, (byte[])lvb.Clone());
    }

    private static async Task<Leader> ReadLeaderAsync(ILeaseDisk disk, long offset)
    {
        using var buffer = disk.AllocateBuffer(4096);
        await disk.ReadAsync(offset, buffer, 4096).ConfigureAwait(false);
        return Leader.Decode(buffer.Span);
    }

    private async Task<Reply> WriteAreaAsync(string path, ulong offset, int length, Action<Span<byte>> fill, SanlockError openError)
    {
        try
        {
            var disk = _daemon.Disks.Get(path);
            using var buffer = disk.AllocateBuffer(length);
            fill(buffer.Span[..length]);
            await disk.WriteAsync((long)offset, buffer, length).ConfigureAwait(false);
            return Reply.Of(0);
        }
        catch (LeaseIoException e)
        {
            return Reply.Of(e.Errno == 2 ? (int)openError : e.Errno > 0 ? -e.Errno : (int)SanlockError.EIO);
        }
        catch (ArgumentException)
        {
            return Reply.Of(SanlockError.EINVAL);
        }
    }

    private static uint SectorFlag(LeaseGeometry geometry) => geometry.SectorSize == 4096 ? 0x200u : 0x100u;

    private static bool TryGeometry(uint flags, out LeaseGeometry geometry)
    {
        int sector = (flags & 0x200) != 0 ? 4096 : 512;
        int align = (flags & 0xF0) switch { 0x20 => 2, 0x40 => 4, 0x80 => 8, _ => sector == 4096 ? 8 : 1 } * LeaseGeometry.OneMiB;
        return LeaseGeometry.TryCreate(sector, align, out geometry);
    }
}
