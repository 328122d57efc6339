using System.Globalization;
using System.Text;
using Sanlock.Daemon.Clients;
using Sanlock.Daemon.Resources;
using Sanlock.Daemon.Spaces;
using Sanlock.Leases.Delta;
using Sanlock.Leases.Paxos;

namespace Sanlock.Daemon.Status;

/// <summary>The <c>key=value</c> texts of STATUS / HOST_STATUS / RENEWAL records, with the keys 3.8.5 emits (§6.4).</summary>
public static class StatusTexts
{
    public static string Daemon(SanlockDaemon daemon, ulong now)
    {
        var o = daemon.Options;
        return Join(
            ("our_host_name", daemon.Spaces.HostName),
            ("use_watchdog", o.UseWatchdog ? "1" : "0"),
            ("high_priority", "0"),
            ("mlock_level", Num(o.MlockLevel)),
            ("quiet_fail", "1"),
            ("debug_renew", "0"),
            ("debug_clients", "0"),
            ("debug_cmds", "0xfffffffffe06ffff"),
            ("renewal_history_size", Num(o.RenewalHistorySize)),
            ("gid", Num(daemon.HostGid)),
            ("uid", Num(daemon.HostUid)),
            ("sh_retries", Num(o.ShRetries)),
            ("max_sectors_kb_ignore", "0"),
            ("max_sectors_kb_align", "0"),
            ("max_sectors_kb_num", "1024"),
            ("max_worker_threads", Num(o.MaxWorkerThreads)),
            ("write_init_io_timeout", "60"),
            ("use_aio", "1"),
            ("kill_grace_seconds", Num(o.KillGraceSeconds)),
            ("helper_pid", Num(Environment.ProcessId)),
            ("helper_kill_fd", "-1"),
            ("helper_full_count", "0"),
            ("helper_last_status", Num(now)),
            ("monotime", Num(now)),
            ("version_str", "3.8.5"),
            ("version_num", "3.8.5"),
            ("version_hex", "03080500"),
            ("smproto_hex", "00000001"));
    }

    public static string Client(ClientState c) => Join(
        ("ci", Num(c.Slot)),
        ("fd", Num(c.Fd)),
        ("pid", Num(c.Pid)),
        ("flags", "0"),
        ("restricted", c.Restricted.ToString("x", CultureInfo.InvariantCulture)),
        ("cmd_active", Num(c.CommandActive)),
        ("cmd_last", Num(c.CommandLast)),
        ("pid_dead", c.PidDead ? "1" : "0"),
        ("kill_count", Num(c.KillCount)),
        ("kill_last", Num(c.KillLast)),
        ("suspend", "0"),
        ("need_free", c.NeedFree ? "1" : "0"));

    public static string Lockspace(Space s)
    {
        string list = s.Phase switch { SpacePhase.Adding => "add", SpacePhase.Removing => "rem", _ => "spaces" };
        return Join(
            ("list", list),
            ("space_id", Num(s.SpaceId)),
            ("io_timeout", Num(s.IoTimeoutSeconds)),
            ("sector_size", Num(s.Geometry.SectorSize)),
            ("align_size", Num(s.Geometry.AlignSize)),
            ("host_generation", Num(s.Engine?.Generation ?? 0)),
            ("renew_fail", s.IsFailed ? "1" : "0"),
            ("space_dead", s.IsFailed ? "1" : "0"),
            ("killing_pids", s.KillingPids ? "1" : "0"),
            ("used_retries", "0"),
            ("external_used", s.UsedByConfig ? "1" : "0"),
            ("used_by_orphans", s.UsedByOrphansConfig ? "1" : "0"),
            ("renewal_read_extend_sec", Num(s.IoTimeoutSeconds)),
            ("set_max_sectors_kb", "0"),
            ("corrupt_result", "0"),
            ("acquire_last_result", Num(s.AcquireLastResult)),
            ("renewal_last_result", Num(s.RenewalLastResult)),
            ("acquire_last_attempt", Num(s.AcquireLastAttempt)),
            ("acquire_last_success", Num(s.AcquireLastSuccess)),
            ("renewal_last_attempt", Num(s.RenewalLastAttempt)),
            ("renewal_last_success", Num(s.RenewalLastSuccess)));
    }

    public static string Resource(ResourceEntry e, Token t, string list) => Join(
        ("list", list),
        ("flags", ((t.Mode == LeaseMode.Shared ? 0x4u : 0u) | (t.Persistent ? 0x8u : 0u)).ToString("x", CultureInfo.InvariantCulture)),
        ("sector_size", Num(e.Space.Geometry.SectorSize)),
        ("align_size", Num(e.Space.Geometry.AlignSize)),
        ("lver", Num(e.Lver)),
        ("reused", "0"),
        ("res_id", Num(e.ResId)),
        ("token_id", Num(t.Id)));

    public static string Host(HostObservation h, ulong nowSeconds, TimeSpan now) => Join(
        ("last_check", Num(Seconds(h.LastCheck, nowSeconds, now))),
        ("last_live", Num(Seconds(h.LastLive, nowSeconds, now))),
        ("last_req", "0"),
        ("owner_id", Num(h.OwnerId)),
        ("owner_generation", Num(h.OwnerGeneration)),
        ("timestamp", Num(h.Timestamp)),
        ("io_timeout", Num(h.IoTimeoutSeconds)),
        ("owner_name", string.Empty));

    public static string Renewal(RenewalRecord r) => Join(
        ("timestamp", Num(r.Timestamp)),
        ("read_ms", Num(r.ReadMs)),
        ("write_ms", Num(r.WriteMs)),
        ("next_timeouts", Num(r.NextTimeouts)),
        ("next_errors", Num(r.NextErrors)));

    /// <summary>A monotonic TimeSpan as whole monotonic seconds (the clock's NowSeconds scale).</summary>
    private static ulong Seconds(TimeSpan at, ulong nowSeconds, TimeSpan now)
    {
        double back = (now - at).TotalSeconds;
        return back <= 0 ? nowSeconds : (ulong)Math.Max(0, (double)nowSeconds - back);
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Join(params (string Key, string Value)[] pairs)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }
            text.Append(key).Append('=').Append(value);
        }
        return text.ToString();
    }
}
