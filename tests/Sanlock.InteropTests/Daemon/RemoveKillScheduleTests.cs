using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sanlock.InteropTests.Daemon;

/// <summary>REM_LOCKSPACE kill schedule (§4.7.6): a holder that restricted SIGKILL (so it gets SIGTERM) and ignores
/// SIGTERM is signalled once a second and the removal waits for it well past 10 s, on the real daemon and on ours.</summary>
public sealed class RemoveKillScheduleTests
{
    private const string Script = """
        import os, signal, struct, sys, sanlock
        ls, res, path = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3].encode()
        signal.signal(signal.SIGTERM, lambda signum, frame: print("SIGTERM", flush=True))
        fd = sanlock.register()
        # RESTRICT (cmd 10) with RESTRICT_SIGKILL (0x2) on the registered fd: SIGKILL becomes SIGTERM for this pid.
        os.write(fd, struct.pack("<8I", 0x04282010, 1, 10, 2, 32, 0, 0, 0xffffffff))
        print("restrict", struct.unpack("<8i", os.read(fd, 32))[6], flush=True)
        sanlock.acquire(ls, res, [(path, 0)], slkfd=fd)
        print("held", flush=True)
        sys.stdin.read()
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RemLockspace_SignalsARestrictedHolderEverySecond_AndWaitsForIt(bool useReal)
    {
        using var dir = new DaemonTestDir();
        dir.InitLeases("LS", "R1");
        using IDisposable daemon = useReal ? RealDaemon.Start(dir.RunDir) : OurDaemon.Start(dir.RunDir);
        ProcessResult Client(params string[] args) => useReal ? ((RealDaemon)daemon).Client(args) : ((OurDaemon)daemon).Client(args);
        string ls = $"LS:1:{dir.Lease("ls")}:0";
        Client("add_lockspace", "-s", ls).EnsureSuccess();

        var lines = new BlockingCollection<string>();
        using var holder = StartHolder(dir, lines);
        try
        {
            Assert.True(lines.TryTake(out var restrict, TimeSpan.FromSeconds(30)));
            Assert.Equal("restrict 0", restrict);
            Assert.True(lines.TryTake(out var held, TimeSpan.FromSeconds(30)));
            Assert.Equal("held", held);

            var started = Stopwatch.StartNew();
            var removal = Task.Run(() => Client("rem_lockspace", "-s", ls), TestContext.Current.CancellationToken);
            Assert.False(await Finishes(removal, TimeSpan.FromSeconds(13)), "removal finished while the holder was alive");
            int sigterms = lines.Count(l => l == "SIGTERM");
            Assert.InRange(sigterms, 9, 16);

            holder.StandardInput.Close();
            Assert.True(await Finishes(removal, TimeSpan.FromSeconds(20)), "removal did not finish once the holder exited");
            Assert.Contains("rem_lockspace done 0", (await removal).Stdout, StringComparison.Ordinal);
            Assert.True(started.Elapsed > TimeSpan.FromSeconds(13));
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill();
            }
        }
    }

    private static async Task<bool> Finishes(Task task, TimeSpan limit) =>
        await Task.WhenAny(task, Task.Delay(limit, TestContext.Current.CancellationToken)) == task;

    private static Process StartHolder(DaemonTestDir dir, BlockingCollection<string> lines)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "-c", Script, "LS", "R1", dir.Lease("r1") })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SANLOCK_RUN_DIR"] = dir.RunDir;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Add(e.Data);
            }
        };
        process.BeginOutputReadLine();
        return process;
    }
}
