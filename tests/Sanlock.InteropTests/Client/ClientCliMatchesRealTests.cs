using System.Text;
using Sanlock.TestKit;

namespace Sanlock.InteropTests.Client;

/// <summary>Our <c>sanlock client …</c> against a real 3.8.5 daemon prints what the real CLI prints (modulo times)
/// and exits with the same code, for one scripted session: join, status, hosts, acquire/inquire/convert/request/
/// examine/release for a registered python3-sanlock holder, storage and rindex actions, errors, removal.</summary>
public class ClientCliMatchesRealTests
{
    [Fact]
    public async Task Session_AgainstRealDaemon_OurOutputAndExitCodesMatchTheRealCli()
    {
        await using RealSanlockDaemon daemon = await RealSanlockDaemon.StartAsync(TestContext.Current.CancellationToken);
        string ls = await daemon.CreateLockspaceAsync("LS", "ls", ioTimeout: 1);
        string r1 = await daemon.CreateResourceAsync("LS", "R1", "r1");
        string r2 = daemon.CreateLeaseFile("r2", 2);
        string rx = daemon.CreateLeaseFile("rx", 8);
        string lsArg = $"LS:1:{ls}:0";
        string res = $"LS:R1:{r1}:0";
        var session = new Session(daemon);

        await session.Same("version");
        await session.Same("status");
        await session.Same("gets");
        await session.Same("inq_lockspace", "-s", lsArg);
        ProcessResult join = await daemon.RunRealCliAsync("client", "add_lockspace", "-s", lsArg, "-o", "1");
        Assert.True(join.ExitCode == 0, $"real add_lockspace failed: {join}");
        await session.Same("add_lockspace", "-s", lsArg, "-o", "1");
        await session.Same("add_lockspace", "-s", lsArg);
        await session.Same("inq_lockspace", "-s", lsArg);
        await session.Same("inq_lockspace", "-s", $"NOLS:1:{ls}:0");
        await session.WaitUntilReal(o => o.Contains("LIVE", StringComparison.Ordinal), "client", "gets", "-h", "1");
        await session.Same("gets", "-h", "1");
        await session.Same("host_status", "-s", "LS");
        await session.Same("host_status", "-s", "LS", "-D");
        await session.Same("host_status");
        await session.Same("status", "-D");

        int pid = await daemon.StartRegisteredHolderAsync(TestContext.Current.CancellationToken);
        string p = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await session.Same("inquire", "-p", p);
        await session.SameAfterUndo(["acquire", "-r", res, "-p", p], ["release", "-r", res, "-p", p]);
        await session.Same("acquire", "-r", res, "-p", p);
        await session.Same("inquire", "-p", p);
        await session.Same("status");
        await session.Same("status", "-D");
        await session.Same("status", "-o", "p");
        await session.Same("status", "-o", "s");
        await session.Same("read", "-r", res, "-h", "1");
        await session.Same("read", "-r", res, "-D");
        await session.Same("read", "-s", lsArg, "-D");
        await session.SameAfterUndo(["convert", "-r", res + ":SH", "-p", p], ["convert", "-r", res, "-p", p]);
        await session.Same("inquire", "-p", p);
        await session.Same("convert", "-r", res + ":SH", "-p", p);
        await session.SameAfterUndo(["convert", "-r", res, "-p", p], ["convert", "-r", res + ":SH", "-p", p]);
        await session.Same("request", "-r", res + ":1", "-f", "0");
        await session.Same("examine", "-r", res);
        await session.Same("examine", "-s", lsArg);
        await session.SameAfterUndo(["release", "-r", res, "-p", p], ["acquire", "-r", res, "-p", p]);
        await session.Same("release", "-r", res, "-p", p);
        await session.Same("release", "-p", p, "-a", "1");
        await session.Same("acquire", "-r", res, "-p", "4242");
        await session.Same("inquire", "-p", "4242");
        await session.Same("inquire");
        await session.Same("acquire", "-r", res);
        await session.Same("acquire", "-r", "LS:R1:/x", "-p", p);

        await session.Same("align", "-s", lsArg);
        await session.Same("init", "-r", $"LS:R2:{r2}:0");
        await session.Same("read", "-r", $"LS:R2:{r2}:0", "-D");
        await session.Same("read", "-r", $"LS:R9:{r2}:0");
        await session.Same("read", "-r", $"LS:R2:{daemon.LeaseDirectory}/missing:0");
        string r2Arg = $"LS:R2:{r2}:0";
        await session.SameReleasedAfter(r2Arg, "command", "-r", r2Arg, "-c", "/bin/echo", "hello", "world");
        await session.SameReleasedAfter(r2Arg, "command", "-r", r2Arg, "-c", "/bin/sh", "-c", "exit 3");
        await session.SameReleasedAfter(r2Arg, "command", "-r", r2Arg, "-c", "/nonexistent/program");
        await session.Same("command", "-r", $"LS:R9:{daemon.LeaseDirectory}/missing:0", "-c", "/bin/true");
        await session.Same("set_event", "-s", "LS", "-i", "1", "-e", "7", "-d", "8");
        await session.Same("set_config", "-s", "LS", "-u", "1");
        await session.Same("set_config", "-s", "LS", "-u", "0");
        await session.Same("set_config", "-s", "NOLS", "-u", "1");
        await session.Same("format", "-x", $"LS:{rx}:0");
        await session.SameAfterUndo(["create", "-x", $"LS:{rx}:0", "-e", "RA"], ["delete", "-x", $"LS:{rx}:0", "-e", "RA"]);
        await session.Same("lookup", "-x", $"LS:{rx}:0", "-e", "RA");
        await session.Same("lookup", "-x", $"LS:{rx}:0");
        await session.Same("lookup", "-x", $"LS:{rx}:0", "-e", "NONE");
        await session.Same("update", "-x", $"LS:{rx}:0", "-e", "RC:5242880");
        await session.Same("rebuild", "-x", $"LS:{rx}:0");

        await session.Same("bogus");
        await session.Same();
        await session.Same("status", "-x");
        await session.Same("status", "foo");
        await session.Same("status", "-q", "1");
        await session.Same("shutdown", "-w", "1");
        await session.Shape("renewal", "-s", "LS");
        await session.Shape("log_dump");

        await session.SameAfterUndo(["rem_lockspace", "-s", lsArg], ["add_lockspace", "-s", lsArg, "-o", "1"]);
        await session.Same("rem_lockspace", "-s", lsArg);
        await session.Same("gets");

        Assert.True(session.Differences.Length == 0, session.Differences.ToString());
        Assert.True(session.Compared >= 60, $"only {session.Compared} comparisons ran");
    }

    [Fact]
    public async Task WithoutDaemon_OurCliFailsLikeTheRealOne()
    {
        string run = Path.Combine("/var/tmp", $"sanlock-nodaemon-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string> { ["SANLOCK_RUN_DIR"] = run };
        var differences = new StringBuilder();
        string[][] commands = [["status"], ["gets"], ["version"], ["log_dump"], ["inquire", "-p", "1"], ["host_status", "-s", "LS"], ["shutdown"], ["add_lockspace", "-s", "LS:1:/x:0"]];
        foreach (string[] command in commands)
        {
            ProcessResult real = await RealSanlockDaemon.RunAsync(RealSanlockDaemon.SanlockBinary, ["client", .. command], environment, TestContext.Current.CancellationToken);
            ProcessResult ours = await RealSanlockDaemon.RunAsync(OurCli.Path, ["client", .. command], environment, TestContext.Current.CancellationToken);
            if (real.ExitCode != ours.ExitCode || real.Output != ours.Output)
            {
                differences.AppendLine($"client {string.Join(' ', command)}: real {real} / ours {ours}");
            }
        }
        Assert.True(differences.Length == 0, differences.ToString());
    }

    /// <summary>Runs each command with the real CLI and then ours and records every difference.</summary>
    private sealed class Session(RealSanlockDaemon daemon)
    {
        public StringBuilder Differences { get; } = new();

        public int Compared { get; private set; }

        public async Task Same(params string[] args)
        {
            ProcessResult real = await daemon.RunRealCliAsync(["client", .. args]);
            ProcessResult ours = await OurCli.RunAsync(daemon, ["client", .. args]);
            Compare(args, real, ours);
        }

        /// <summary>Real CLI, then <paramref name="undo"/> with the real CLI, then ours: for commands that change state.</summary>
        public async Task SameAfterUndo(string[] args, string[] undo)
        {
            ProcessResult real = await daemon.RunRealCliAsync(["client", .. args]);
            ProcessResult undone = await daemon.RunRealCliAsync(["client", .. undo]);
            if (undone.ExitCode != 0)
            {
                Differences.AppendLine($"undo client {string.Join(' ', undo)} failed: {undone}");
            }
            ProcessResult ours = await OurCli.RunAsync(daemon, ["client", .. args]);
            Compare(args, real, ours);
        }

        /// <summary>For <c>command</c>: real, wait until the lease is released again (the daemon releases in the
        /// background when the command exits), ours, wait again.</summary>
        public async Task SameReleasedAfter(string resource, params string[] args)
        {
            string held = "r " + resource.Split(':')[0] + ":" + resource.Split(':')[1] + ":";
            ProcessResult real = await daemon.RunRealCliAsync(["client", .. args]);
            await WaitUntilReal(o => !o.Contains(held, StringComparison.Ordinal), "client", "status");
            ProcessResult ours = await OurCli.RunAsync(daemon, ["client", .. args]);
            await WaitUntilReal(o => !o.Contains(held, StringComparison.Ordinal), "client", "status");
            Compare(args, real, ours);
        }

        /// <summary>For outputs that grow with time (renewal history, the log): same exit code, same first line.</summary>
        public async Task Shape(params string[] args)
        {
            ProcessResult real = await daemon.RunRealCliAsync(["client", .. args]);
            ProcessResult ours = await OurCli.RunAsync(daemon, ["client", .. args]);
            string First(ProcessResult r) => CliOutput.Normalize(r.Output.Split('\n')[0]).Split(' ')[0];
            Compared++;
            if (real.ExitCode != ours.ExitCode || First(real) != First(ours) || ours.Output.Length == 0)
            {
                Differences.AppendLine($"client {string.Join(' ', args)}: real {real.ExitCode} \"{First(real)}\" / ours {ours.ExitCode} \"{First(ours)}\"");
            }
        }

        public async Task WaitUntilReal(Func<string, bool> condition, params string[] args)
        {
            for (int i = 0; i < 100; i++)
            {
                if (condition((await daemon.RunRealCliAsync(args)).Output))
                {
                    return;
                }
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
            Differences.AppendLine($"real {string.Join(' ', args)} never satisfied the wait condition");
        }

        private void Compare(string[] args, ProcessResult real, ProcessResult ours)
        {
            Compared++;
            string realText = CliOutput.Normalize(real.Output);
            string ourText = CliOutput.Normalize(ours.Output);
            if (real.ExitCode != ours.ExitCode || realText != ourText)
            {
                Differences.AppendLine($"client {string.Join(' ', args)}:\n  real (exit {real.ExitCode}):\n{Indent(realText)}\n  ours (exit {ours.ExitCode}):\n{Indent(ourText)}");
            }
        }

        private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "    " + l));
    }
}
