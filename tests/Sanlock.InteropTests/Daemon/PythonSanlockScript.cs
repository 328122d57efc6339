using System.Diagnostics;

namespace Sanlock.InteropTests.Daemon;

/// <summary>python3-sanlock (the real client library, /usr/bin/python3) driven by one script with modes: "single" runs
/// a whole session on host 1 (add_lockspace, register, acquire/inquire/release, shared leases, owners, LVB, get_hosts,
/// rem_lockspace); "join"/"leave" add or remove a host; "listen" waits for one lockspace event; "send" sets one.
/// Each step prints "step: result" (python's repr, or "error ERRNO"); delta-lease timestamps are printed as "set" or
/// 0, the only run-dependent field.</summary>
public static class PythonSanlockScript
{
    public const string Text = """
        import sys, select, time, sanlock
        mode = sys.argv[1]
        LS = b"LS"
        def out(step, value):
            print(f"{step}: {value}", flush=True)
        def masked(hosts):
            return [{k: (("set" if v else 0) if k == "timestamp" else v) for k, v in sorted(h.items())} for h in hosts]
        def eventually(fn):
            # 3.8.5 answers GET_HOSTS with EAGAIN until its first check of the other hosts, ~1 s after a join.
            for _ in range(50):
                try:
                    return fn()
                except sanlock.SanlockException as e:
                    if e.errno != 11:
                        raise
                    time.sleep(0.2)
            return fn()
        def attempt(step, fn):
            try:
                out(step, fn())
            except sanlock.SanlockException as e:
                out(step, f"error {e.errno}")
        if mode == "single":
            ls, r1, r2 = sys.argv[2:5]
            attempt("add_lockspace", lambda: sanlock.add_lockspace(LS, 1, ls, 0, iotimeout=1))
            attempt("add_lockspace again", lambda: sanlock.add_lockspace(LS, 1, ls, 0, iotimeout=1))
            attempt("inq_lockspace", lambda: sanlock.inq_lockspace(LS, 1, ls, 0))
            attempt("get_lockspaces", lambda: sanlock.get_lockspaces())
            fd = sanlock.register()
            fd2 = sanlock.register()
            out("register", fd >= 0 and fd2 >= 0)
            attempt("acquire R1", lambda: sanlock.acquire(LS, b"R1", [(r1, 0)], slkfd=fd))
            attempt("acquire R1 again", lambda: sanlock.acquire(LS, b"R1", [(r1, 0)], slkfd=fd))
            attempt("acquire R1 by another client", lambda: sanlock.acquire(LS, b"R1", [(r1, 0)], slkfd=fd2))
            attempt("inquire", lambda: sanlock.inquire(slkfd=fd))
            attempt("read_resource_owners R1", lambda: masked(sanlock.read_resource_owners(LS, b"R1", [(r1, 0)])))
            attempt("release R1", lambda: sanlock.release(LS, b"R1", [(r1, 0)], slkfd=fd))
            attempt("release R1 again", lambda: sanlock.release(LS, b"R1", [(r1, 0)], slkfd=fd))
            attempt("inquire after release", lambda: sanlock.inquire(slkfd=fd))
            attempt("acquire R2 shared", lambda: sanlock.acquire(LS, b"R2", [(r2, 0)], slkfd=fd, shared=True))
            attempt("acquire R2 shared by another client", lambda: sanlock.acquire(LS, b"R2", [(r2, 0)], slkfd=fd2, shared=True))
            attempt("inquire shared", lambda: sanlock.inquire(slkfd=fd2))
            attempt("read_resource_owners R2", lambda: masked(sanlock.read_resource_owners(LS, b"R2", [(r2, 0)])))
            attempt("release R2", lambda: sanlock.release(LS, b"R2", [(r2, 0)], slkfd=fd))
            attempt("release R2 by another client", lambda: sanlock.release(LS, b"R2", [(r2, 0)], slkfd=fd2))
            attempt("acquire R1 lvb", lambda: sanlock.acquire(LS, b"R1", [(r1, 0)], slkfd=fd, lvb=True))
            attempt("get_lvb fresh", lambda: sanlock.get_lvb(LS, b"R1", [(r1, 0)], 16))
            attempt("set_lvb", lambda: sanlock.set_lvb(LS, b"R1", [(r1, 0)], b"hello-lvb"))
            attempt("get_lvb", lambda: sanlock.get_lvb(LS, b"R1", [(r1, 0)], 16))
            attempt("release R1 lvb", lambda: sanlock.release(LS, b"R1", [(r1, 0)], slkfd=fd))
            attempt("acquire R1 lvb again", lambda: sanlock.acquire(LS, b"R1", [(r1, 0)], slkfd=fd, lvb=True))
            attempt("get_lvb after reacquire", lambda: sanlock.get_lvb(LS, b"R1", [(r1, 0)], 16))
            attempt("inquire lvb", lambda: sanlock.inquire(slkfd=fd))
            attempt("release R1 lvb again", lambda: sanlock.release(LS, b"R1", [(r1, 0)], slkfd=fd))
            attempt("get_lvb not held", lambda: sanlock.get_lvb(LS, b"R1", [(r1, 0)], 16))
            attempt("get_hosts", lambda: masked(eventually(lambda: sanlock.get_hosts(LS))))
            attempt("get_hosts 1", lambda: masked(sanlock.get_hosts(LS, 1)))
            attempt("get_hosts 2", lambda: masked(sanlock.get_hosts(LS, 2)))
            attempt("get_hosts NOLS", lambda: sanlock.get_hosts(b"NOLS"))
            attempt("rem_lockspace", lambda: sanlock.rem_lockspace(LS, 1, ls, 0))
            attempt("get_lockspaces after rem", lambda: sanlock.get_lockspaces())
        elif mode == "join":
            ls, host = sys.argv[2], int(sys.argv[3])
            attempt(f"add_lockspace host {host}", lambda: sanlock.add_lockspace(LS, host, ls, 0, iotimeout=1))
        elif mode == "leave":
            ls, host = sys.argv[2], int(sys.argv[3])
            attempt(f"rem_lockspace host {host}", lambda: sanlock.rem_lockspace(LS, host, ls, 0))
        elif mode == "listen":
            fd = sanlock.reg_event(LS)
            out("reg_event", fd >= 0)
            ready, _, _ = select.select([fd], [], [], 60)
            out("readable", bool(ready))
            if ready:
                attempt("get_event", lambda: sanlock.get_event(fd))
            attempt("end_event", lambda: sanlock.end_event(fd, LS))
        elif mode == "send":
            host, gen, event, data = (int(a) for a in sys.argv[2:6])
            attempt("set_event", lambda: sanlock.set_event(LS, host, gen, event, data=data))
            attempt("set_event again", lambda: sanlock.set_event(LS, host, gen, event + 1, data=data))
        """;

    /// <summary>Runs one mode to completion against the daemon of <paramref name="runDir"/>.</summary>
    public static ProcessResult Run(string runDir, params string[] args) =>
        Tools.Run("/usr/bin/python3", ["-c", Text, .. args], runDir, TimeSpan.FromSeconds(120));

    /// <summary>Starts a mode in the background (e.g. "listen"); the caller waits for and disposes it.</summary>
    public static Process Start(string runDir, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { "-c", Text }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        return Process.Start(start)!;
    }
}
