using System.Text;
using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Resources;
using Sanlock.Daemon.Storage;
using Sanlock.Leases;
using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;
using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Requests;
using Sanlock.Protocol.Text;

namespace Sanlock.Daemon.Commands;

public sealed partial class CommandHandler
{
    /// <summary>ACQUIRE (§4.7.2): all lockspaces usable, then one resource after another; a failure undoes the rest.</summary>
    private async Task<Reply> AcquireAsync(ClientState target, SmHeader header, AcquireBody body, CancellationToken cancellationToken)
    {
        foreach (var res in body.Resources)
        {
            if (_daemon.Spaces.Find(res.LockspaceName) is not { IsUsable: true })
            {
                return Reply.Of(SanlockError.ENOSPC);
            }
        }
        lock (target.Gate)
        {
            target.Name = body.Options.OwnerName;
        }
        var acquired = new List<Token>();
        foreach (var res in body.Resources)
        {
            var space = _daemon.Spaces.Find(res.LockspaceName)!;
            var (result, token) = await _daemon.Resources.AcquireAsync(space, target, res, header.CmdFlags, cancellationToken).ConfigureAwait(false);
            if (result != 0 || token is null)
            {
                foreach (var done in acquired)
                {
                    await _daemon.Resources.ReleaseAsync(done).ConfigureAwait(false);
                }
                return Reply.Of(result);
            }
            acquired.Add(token);
        }
        bool dead;
        lock (target.Gate)
        {
            dead = target.PidDead;
            if (!dead)
            {
                target.Leases.AddRange(acquired);
            }
        }
        if (dead)
        {
            foreach (var token in acquired)
            {
                await _daemon.Resources.ReleaseAsync(token).ConfigureAwait(false);
            }
            return Reply.Of(SanlockError.ENOTTY);
        }
        return Reply.Of(0);
    }

    /// <summary>RELEASE (§4.8): plain, REL_ALL, REL_ORPHAN (positive count), REL_RENAME.</summary>
    private async Task<Reply> ReleaseAsync(ClientState target, SmHeader header, ResourcesBody body)
    {
        if ((header.CmdFlags & CommandFlags.ReleaseOrphan) != 0)
        {
            var res = body.Resources[0];
            return Reply.Of(await _daemon.Resources.ReleaseOrphansAsync(res.LockspaceName, res.Name).ConfigureAwait(false));
        }
        if ((header.CmdFlags & CommandFlags.ReleaseRename) != 0)
        {
            return await ReleaseRenameAsync(target, body).ConfigureAwait(false);
        }
        List<Token> doomed;
        bool missing = false;
        lock (target.Gate)
        {
            if ((header.CmdFlags & CommandFlags.ReleaseAll) != 0)
            {
                doomed = [.. target.Leases];
            }
            else
            {
                doomed = [];
                foreach (var res in body.Resources)
                {
                    var token = target.Leases.FirstOrDefault(t => t.Resource.Space.Name == res.LockspaceName && t.Resource.Name == res.Name);
                    if (token is null)
                    {
                        missing = true;
                    }
                    else if (!doomed.Contains(token))
                    {
                        doomed.Add(token);
                    }
                }
            }
            target.Leases.RemoveAll(doomed.Contains);
        }
        int result = missing ? (int)SanlockError.EPERM : 0;
        foreach (var token in doomed)
        {
            var released = await _daemon.Resources.ReleaseAsync(token).ConfigureAwait(false);
            if (released < 0)
            {
                result = released;
            }
        }
        return Reply.Of(result);
    }

    /// <summary>REL_RENAME (§4.8): body = the held resource, then one carrying the new name; −1 when not held, −22 for
    /// an empty or invalid new name. The name changes in the releasing leader write (exclusive holds only).</summary>
    private async Task<Reply> ReleaseRenameAsync(ClientState target, ResourcesBody body)
    {
        if (body.Resources.Count < 2 || !LeaseName.IsValid(body.Resources[1].Name) || body.Resources[1].Name.Length == 0)
        {
            return Reply.Of(SanlockError.EINVAL);
        }
        var (res, renamed) = (body.Resources[0], body.Resources[1]);
        Token? token;
        lock (target.Gate)
        {
            token = target.Leases.FirstOrDefault(t => t.Resource.Space.Name == res.LockspaceName && t.Resource.Name == res.Name);
            if (token is not null)
            {
                target.Leases.Remove(token);
            }
        }
        if (token is null)
        {
            return Reply.Of(SanlockError.EPERM);
        }
        return Reply.Of(await _daemon.Resources.ReleaseAsync(token, renamed.Name).ConfigureAwait(false));
    }

    /// <summary>INQUIRE (§4.9): the state string of the target's leases in acquisition order, data2 = count.</summary>
    private static Reply Inquire(ClientState target)
    {
        List<Token> tokens;
        lock (target.Gate)
        {
            tokens = [.. target.Leases];
        }
        if (tokens.Count == 0)
        {
            return Reply.Of(0);
        }
        var strings = new List<string>(tokens.Count);
        foreach (var token in tokens)
        {
            var wire = token.Resource.Wire with
            {
                Flags = token.Mode == LeaseMode.Shared ? ResourceFlags.Shared : ResourceFlags.None,
                Lver = token.Resource.Lver,
            };
            string text = ResourceString.Format(wire);
            if (wire.Disks.Any(d => d.Path.Contains(' ', StringComparison.Ordinal)))
            {
                return Reply.WithPayload((int)SanlockError.ELIBSCN, [0], (uint)tokens.Count);
            }
            strings.Add(text);
        }
        string state = StateString.Join(strings);
        var payload = new byte[Encoding.UTF8.GetByteCount(state) + 1];
        Encoding.UTF8.GetBytes(state, payload);
        return Reply.WithPayload(0, payload, (uint)tokens.Count);
    }

    /// <summary>CONVERT (§4.10): the SHARED flag of the body is the wanted mode.</summary>
    private async Task<Reply> ConvertAsync(ClientState target, SmHeader header, ResourcesBody body, CancellationToken cancellationToken)
    {
        var res = body.Resources[0];
        Token? token;
        lock (target.Gate)
        {
            token = target.Leases.FirstOrDefault(t => t.Resource.Space.Name == res.LockspaceName && t.Resource.Name == res.Name);
        }
        if (token is null)
        {
            return Reply.Of(SanlockError.ENOENT);
        }
        var to = (res.Flags & ResourceFlags.Shared) != 0 ? LeaseMode.Shared : LeaseMode.Exclusive;
        return Reply.Of(await _daemon.Resources.ConvertAsync(token, to, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>KILLPATH (§4.12): remembered for the target, used when its lockspace fails or a request asks it to go.</summary>
    private static Reply KillPath(ClientState target, SmHeader header, KillPathBody body)
    {
        lock (target.Gate)
        {
            target.KillPath = body.KillPath;
            target.KillPathAppendPid = (header.CmdFlags & CommandFlags.KillPathPid) != 0;
        }
        return Reply.Of(0);
    }

    /// <summary>REQUEST (§4.13): writes the request record; the holder's host acts when it sees it.</summary>
    private async Task<Reply> RequestAsync(SmHeader header, ResourceWithDisksBody body, CancellationToken cancellationToken)
    {
        var res = body.Resource;
        var space = _daemon.Spaces.Find(res.LockspaceName);
        if (space is not { IsUsable: true } || space.Engine is null)
        {
            return Reply.Of(SanlockError.ENOSPC);
        }
        try
        {
            var disk = new IoTimeoutDisk(_daemon.Disks.Get(res.Disks[0].Path), space.Timeouts.IoTimeout);
            var lease = new PaxosLease(disk, (long)res.Disks[0].Offset, space.Geometry, res.LockspaceName, res.Name, _daemon.Clock, SystemRandomSource.Instance);
            ulong lver = (res.Flags & ResourceFlags.Lver) != 0 ? res.Lver : 0;
            int owner = await lease.RequestAsync(lver, header.Data, (header.CmdFlags & CommandFlags.RequestNextLver) != 0, cancellationToken).ConfigureAwait(false);
            if (owner > 0 && owner != space.HostId)
            {
                space.Engine.SetHostBit(owner);
            }
            return Reply.Of(0);
        }
        catch (SanlockException e)
        {
            return Reply.Of(e.Code);
        }
        catch (LeaseIoException e)
        {
            return Reply.Of(e.Errno > 0 ? -e.Errno : (int)SanlockError.EIO);
        }
    }

    /// <summary>EXAMINE_LOCKSPACE / EXAMINE_RESOURCE (§4.14): mark the matching held resources for a request check;
    /// 0 however many matched.</summary>
    private Reply Examine(string lockspace, string? resource)
    {
        _requests.Examine(lockspace, resource);
        return Reply.Of(0);
    }
}
