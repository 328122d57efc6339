using System.Globalization;
using Sanlock.Chaos;

// sanlock-chaos run --scenario FILE [--seconds N] [--seed S] [--out DIR] [--daemon PATH] [--real-script PATH]
// sanlock-chaos check DIR [--io-timeout T]     (re-checks a run's records)
// sanlock-chaos worker key=value ...           (started by run)
try
{
    return args.FirstOrDefault() switch
    {
        "worker" => Worker.Run(WorkerOptions.Parse(args.Skip(1))),
        "run" => RunCommand(Options(args.Skip(1))),
        "check" when args.Length >= 2 => CheckCommand(args[1], Options(args.Skip(2))),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"sanlock-chaos: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: sanlock-chaos run --scenario FILE [--seconds N] [--seed S] [--out DIR] [--daemon PATH] [--real-script PATH]");
    Console.Error.WriteLine("       sanlock-chaos check DIR [--io-timeout T]");
    return 2;
}

static Dictionary<string, string> Options(IEnumerable<string> args)
{
    var list = args.ToList();
    var map = new Dictionary<string, string>();
    for (int i = 0; i < list.Count; i += 2)
    {
        if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
        {
            throw new ArgumentException($"expected --option VALUE, got '{list[i]}'");
        }
        map[list[i][2..]] = list[i + 1];
    }
    return map;
}

static int Int(Dictionary<string, string> o, string key, int fallback) =>
    !o.TryGetValue(key, out var v) ? fallback
    : int.TryParse(v, CultureInfo.InvariantCulture, out int n) ? n
    : throw new ArgumentException($"--{key} must be an integer, not '{v}'");

static int RunCommand(Dictionary<string, string> o)
{
    string file = o.TryGetValue("scenario", out var f) ? f : throw new ArgumentException("--scenario FILE is required");
    if (!File.Exists(file))
    {
        throw new ArgumentException($"scenario {file} does not exist");
    }
    var scenario = ScenarioLoader.Parse(File.ReadAllText(file), file);
    scenario.Seconds = Int(o, "seconds", scenario.Seconds);
    int seed = Int(o, "seed", Environment.TickCount & 0x7fffffff);
    string name = Path.GetFileNameWithoutExtension(file);
    string output = o.TryGetValue("out", out var d) ? d : Path.Combine("/var/tmp", $"sanlock-chaos-out-{name}-{seed}");
    string daemon = o.TryGetValue("daemon", out var b) ? b : "artifacts/cli/sanlock";
    string realScript = o.TryGetValue("real-script", out var r) ? r : "/work/shared/tools/real-sanlock.sh";
    if (!File.Exists(daemon))
    {
        throw new ArgumentException($"our daemon binary {daemon} does not exist (run scripts/build-cli)");
    }
    if (scenario.RealHosts > 0 && !File.Exists(realScript))
    {
        throw new ArgumentException($"real-sanlock script {realScript} does not exist");
    }
    Console.WriteLine($"chaos: scenario {name}, seed {seed}, {scenario.Seconds} s, {scenario.Hosts} hosts ({scenario.RealHosts} real), output {output}");
    var log = new StreamWriter(Path.Combine(Directory.CreateDirectory(output).FullName, "faults.log")) { AutoFlush = true };
    bool terminal = !Console.IsOutputRedirected;
    var run = new ChaosRun(scenario, seed, output, line =>
    {
        log.WriteLine(line);
        if (!terminal)
        {
            Console.WriteLine(line);
        }
    });
    run.Execute(Path.GetFullPath(daemon), Path.GetFullPath(realScript), terminal ? Progress.Draw : null);
    if (terminal)
    {
        Console.WriteLine();
    }
    log.Dispose();
    return Report(output, new CheckerSettings(IoTimeoutSeconds: scenario.IoTimeout), run.StartMs, run.EndMs);
}

static int CheckCommand(string dir, Dictionary<string, string> o)
{
    var events = RecordWriter.ReadAll(Path.Combine(dir, "records"));
    long start = events.Count == 0 ? 0 : events[0].Time;
    long end = events.Count == 0 ? 0 : events[^1].Time;
    return Report(dir, new CheckerSettings(IoTimeoutSeconds: Int(o, "io-timeout", 1)), start, end);
}

static int Report(string dir, CheckerSettings settings, long start, long end)
{
    var events = RecordWriter.ReadAll(Path.Combine(dir, "records"));
    var result = Checker.Check(events, settings);
    string summary = Summary.Render(events, result, start, end);
    File.WriteAllText(Path.Combine(dir, "summary.txt"), summary + "\n");
    Console.WriteLine(summary);
    return result.Violations.Count == 0 ? 0 : 1;
}
