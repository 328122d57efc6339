using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Spaces;
using Sanlock.Daemon.Status;
using Sanlock.Leases.Delta;
using Sanlock.Leases.Paxos;
using Sanlock.OnDisk;
using Sanlock.Protocol;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Requests;
using Sanlock.Protocol.Structs;

namespace Sanlock.Daemon.Commands;

public sealed partial class CommandHandler
{
    /// <summary>STATUS (§4.23): daemon, clients, lockspaces, resources by level; header length 32; then close.</summary>
    private Reply Status(ClientState self, SmHeader header)
    {
        self.Name = "status";
        uint level = header.Data;
        ulong now = _daemon.Clock.NowSeconds;
        var records = new List<StateRecord>
        {
            new(SanlkState.Create(StateType.Daemon, 0, 0, _daemon.Spaces.HostName, StatusTexts.Daemon(_daemon, now))),
        };
        if (level != 1)
        {
            foreach (var client in _daemon.Clients.Snapshot())
            {
                records.Add(new(SanlkState.Create(StateType.Client, unchecked((uint)client.Pid), 0, client.Name, StatusTexts.Client(client))));
            }
        }
        if (level is 0 or 3)
        {
            var spaces = _daemon.Spaces.Snapshot().OrderBy(s => s.Phase switch { SpacePhase.Joined => 0, SpacePhase.Adding => 1, _ => 2 });
            foreach (var space in spaces)
            {
                records.Add(new(SanlkState.Create(StateType.Lockspace, 0, (ulong)space.HostId, space.Name, StatusTexts.Lockspace(space)), Lockspace: space.ToWire()));
            }
        }
        if (level == 0)
        {
            foreach (var (entry, token, list) in _daemon.Resources.Holds().OrderBy(h => h.List switch { "held" or "add" => 0, "rem" => 1, _ => 2 }))
            {
                int pid = token.Holder?.Pid ?? token.LastPid;
                var wire = entry.Wire with { Flags = token.Mode == LeaseMode.Shared ? ResourceFlags.Shared : ResourceFlags.None, Lver = entry.Lver };
                records.Add(new(SanlkState.Create(StateType.Resource, unchecked((uint)pid), entry.Lver, entry.Name, StatusTexts.Resource(entry, token, list)), Resource: wire));
            }
        }
        return Reply.Records(0, Encode(records), header.Data2);
    }

    /// <summary>HOST_STATUS (§4.24): one record per host slot seen with a timestamp; −28 for an unknown lockspace.</summary>
    private Reply HostStatus(ClientState self, SmHeader header, LockspaceBody body)
    {
        self.Name = "host_status";
        var space = _daemon.Spaces.Find(body.Lockspace.Name);
        if (space?.Engine is not { } engine)
        {
            return Reply.Records((int)SanlockError.ENOSPC, [], header.Data2);
        }
        var records = new List<StateRecord>();
        var nowSpan = _daemon.Clock.Now;
        var nowSeconds = _daemon.Clock.NowSeconds;
        foreach (var observation in Observations(engine, space))
        {
            records.Add(new(SanlkState.Create(StateType.Host, (uint)observation.HostId, observation.Timestamp, string.Empty,
                StatusTexts.Host(observation, nowSeconds, nowSpan))));
        }
        return Reply.Records(0, Encode(records), header.Data2);
    }

    /// <summary>RENEWAL (§4.25): our renewal history, oldest first; data2 = io_timeout.</summary>
    private Reply Renewal(SmHeader header, LockspaceBody body)
    {
        var space = _daemon.Spaces.Find(body.Lockspace.Name);
        if (space is null)
        {
            return Reply.Records((int)SanlockError.ENOSPC, [], header.Data2);
        }
        var history = space.RenewalHistory();
        if (history.Length == 0)
        {
            return Reply.Records(0, [], header.Data2);
        }
        var records = history.Select(r => new StateRecord(SanlkState.Create(StateType.Renewal, 0, r.Timestamp, string.Empty, StatusTexts.Renewal(r)))).ToList();
        return Reply.Records(0, Encode(records), (uint)space.IoTimeoutSeconds);
    }

    /// <summary>GET_LOCKSPACES (§4.21): joined, being removed, being added; then close.</summary>
    private Reply GetLockspaces()
    {
        var spaces = _daemon.Spaces.Snapshot()
            .OrderBy(s => s.Phase switch { SpacePhase.Joined => 0, SpacePhase.Removing => 1, _ => 2 })
            .Select(s => s.ToWire(s.Phase switch { SpacePhase.Adding => LockspaceFlags.Add, SpacePhase.Removing => LockspaceFlags.Rem, _ => LockspaceFlags.None }))
            .ToList();
        return Reply.WithPayload(0, Encode(new LockspacesReply(spaces)), (uint)spaces.Count).Closing();
    }

    /// <summary>GET_HOSTS (§4.22): hosts with a timestamp, or exactly the filtered host; −2 unknown, −11 no data yet.</summary>
    private Reply GetHosts(LockspaceBody body)
    {
        var space = _daemon.Spaces.Find(body.Lockspace.Name);
        if (space?.Engine is not { } engine || space.Phase != SpacePhase.Joined)
        {
            return Reply.Of(SanlockError.ENOENT).Closing();
        }
        var observations = Observations(engine, space);
        if (observations.Count == 0)
        {
            return Reply.Of(SanlockError.EAGAIN).Closing();
        }
        var now = _daemon.Clock.Now;
        var hosts = new List<SanlkHost>();
        foreach (var o in observations)
        {
            if (body.Lockspace.HostId != 0 ? (ulong)o.HostId != body.Lockspace.HostId : o.Timestamp == 0)
            {
                continue;
            }
            var state = engine.Tracker.GetState(o.HostId, now) switch
            {
                Leases.Delta.HostState.Free => Protocol.Flags.HostState.Free,
                Leases.Delta.HostState.Live => Protocol.Flags.HostState.Live,
                Leases.Delta.HostState.Fail => Protocol.Flags.HostState.Fail,
                Leases.Delta.HostState.Dead => Protocol.Flags.HostState.Dead,
                _ => Protocol.Flags.HostState.Unknown,
            };
            hosts.Add(new SanlkHost((ulong)o.HostId, o.OwnerGeneration, o.Timestamp, (uint)o.IoTimeoutSeconds, (uint)state));
        }
        if (body.Lockspace.HostId != 0 && hosts.Count == 0 && body.Lockspace.HostId <= (ulong)space.Geometry.MaxHosts)
        {
            // A filter names exactly one host, listed even when never seen live: all zero and FREE, as 3.8.5 does.
            hosts.Add(new SanlkHost(body.Lockspace.HostId, 0, 0, 0, (uint)Protocol.Flags.HostState.Free));
        }
        return Reply.WithPayload(0, Encode(new HostsReply(hosts)), (uint)hosts.Count).Closing();
    }

    /// <summary>LOG_DUMP (§4.26): data = byte count, header length 32, text without NUL.</summary>
    private Reply LogDump()
    {
        var text = _daemon.LogRing.Dump();
        return new Reply(true, text.Length, 0, text, false, true);
    }

    /// <summary>Every host slot the renewals have seen with a non-zero timestamp, by host_id.</summary>
    private static List<HostObservation> Observations(Leases.Delta.Lockspace engine, Space space)
    {
        var result = new List<HostObservation>();
        // UNCONFIRMED thread safety: the tracker is written by the renewal loop without a lock; a read that races a
        // write is retried once rather than trusted.
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                result.Clear();
                for (int hostId = 1; hostId <= space.Geometry.MaxHosts; hostId++)
                {
                    if (engine.Tracker.Get(hostId) is { Timestamp: not 0 } seen)
                    {
                        result.Add(seen);
                    }
                }
                break;
            }
            catch (InvalidOperationException)
            {
            }
        }
        return result;
    }

    private static byte[] Encode(List<StateRecord> records) => Encode(new StateRecordsReply(records));

    private static byte[] Encode(ReplyBody body)
    {
        var payload = new byte[ReplyCodec.GetEncodedLength(body)];
        ReplyCodec.EncodePayload(body, payload);
        return payload;
    }
}
