using Sanlock.Daemon.Killing;
using Sanlock.Daemon.Logging;
using Sanlock.Daemon.Spaces;
using Sanlock.OnDisk;
using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Requests;

namespace Sanlock.Daemon.Commands;

public sealed partial class CommandHandler
{
    private static readonly TimeSpan _inqWaitPoll = TimeSpan.FromSeconds(1);

    /// <summary>ADD_LOCKSPACE (§4.3): data = io_timeout; ADD_ASYNC replies once the join has started.</summary>
    private async Task<Reply> AddLockspaceAsync(SmHeader header, LockspaceBody body)
    {
        var (error, space) = _daemon.Spaces.BeginAdd(body.Lockspace, (int)header.Data);
        if (error != SanlockError.Ok || space is null)
        {
            return Reply.Of(error);
        }
        if ((header.CmdFlags & CommandFlags.AddAsync) != 0)
        {
            return Reply.Of(0);
        }
        return Reply.Of(await space.Joined.Task.ConfigureAwait(false));
    }

    /// <summary>INQ_LOCKSPACE (§4.4); INQ_WAIT re-checks every second while the answer is −115.</summary>
    private async Task<Reply> InqLockspaceAsync(SmHeader header, LockspaceBody body, CancellationToken cancellationToken)
    {
        var result = _daemon.Spaces.Inquire(body.Lockspace);
        while (result == SanlockError.EINPROGRESS && (header.CmdFlags & CommandFlags.InqWait) != 0)
        {
            await Task.Delay(_inqWaitPoll, cancellationToken).ConfigureAwait(false);
            result = _daemon.Spaces.Inquire(body.Lockspace);
        }
        return Reply.Of(result);
    }

    /// <summary>REM_LOCKSPACE (§4.5): kills the pids holding its leases, waits for them, leaves.</summary>
    private async Task<Reply> RemLockspaceAsync(SmHeader header, LockspaceBody body)
    {
        var space = _daemon.Spaces.Match(body.Lockspace);
        if (space is null)
        {
            return Reply.Of(SanlockError.ENOENT);
        }
        if (space.Phase == SpacePhase.Removing)
        {
            return Reply.Of(SanlockError.EINPROGRESS);
        }
        if ((header.CmdFlags & CommandFlags.RemUnused) != 0 && _daemon.Resources.AnyIn(space))
        {
            return Reply.Of(SanlockError.EBUSY);
        }
        var removal = RemoveAsync(space);
        if ((header.CmdFlags & CommandFlags.RemAsync) != 0)
        {
            return Reply.Of(0);
        }
        return Reply.Of(await removal.ConfigureAwait(false));
    }

    /// <summary>Removal (also forced shutdown): SIGKILL (or the restricted alternative) each holder once a second, up
    /// to 100 times, until none holds a lease in this lockspace (§4.7.6); drop what remains (no release on disk, see
    /// <see cref="Space.Leaving"/>), then leave.</summary>
    public async Task<int> RemoveAsync(Space space)
    {
        space.Leaving = true;
        space.KillingPids = true;
        await KillLoop.RunAsync(() => HoldersIn(space), holder =>
        {
            DaemonLog.Killing(_log, holder.Pid, Signals.For(holder.Restricted, Signals.Sigkill), $"lockspace {space.Name} removed");
            Signals.Send(holder, Signals.Sigkill);
        }).ConfigureAwait(false);
        space.KillingPids = false;
        await DropLeasesInAsync(space).ConfigureAwait(false);
        var result = _daemon.Spaces.BeginRemove(space, out Task finished);
        if (result != SanlockError.Ok)
        {
            return (int)result;
        }
        await finished.ConfigureAwait(false);
        return 0;
    }

    private List<Clients.ClientState> HoldersIn(Space space)
    {
        var holders = new List<Clients.ClientState>();
        foreach (var client in _daemon.Clients.Snapshot())
        {
            lock (client.Gate)
            {
                if (client.Leases.Any(t => ReferenceEquals(t.Resource.Space, space)))
                {
                    holders.Add(client);
                }
            }
        }
        return holders;
    }

    private async Task DropLeasesInAsync(Space space)
    {
        foreach (var client in _daemon.Clients.Snapshot())
        {
            List<Resources.Token> tokens;
            lock (client.Gate)
            {
                tokens = client.Leases.Where(t => ReferenceEquals(t.Resource.Space, space)).ToList();
                client.Leases.RemoveAll(tokens.Contains);
            }
            foreach (var token in tokens)
            {
                await _daemon.Resources.ReleaseAsync(token).ConfigureAwait(false);
            }
        }
        await _daemon.Resources.ReleaseOrphansAsync(space.Name, string.Empty).ConfigureAwait(false);
    }
}
