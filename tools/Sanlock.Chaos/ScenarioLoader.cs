using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Sanlock.Chaos;

/// <summary>Reads and validates a scenario; any problem is an <see cref="ArgumentException"/> naming it.</summary>
public static class ScenarioLoader
{
    public static Scenario Parse(string yaml, string source)
    {
        Scenario? scenario;
        try
        {
            scenario = new StaticDeserializerBuilder(new ScenarioYamlContext()).Build().Deserialize<Scenario>(yaml);
        }
        catch (YamlException e)
        {
            throw new ArgumentException($"{source}: {e.Message}", e);
        }
        scenario ??= new Scenario();
        Validate(scenario, source);
        return scenario;
    }

    private static void Validate(Scenario s, string source)
    {
        void Require(bool ok, string what)
        {
            if (!ok)
            {
                throw new ArgumentException($"{source}: {what}");
            }
        }
        Require(s.Hosts is >= 1 and <= 8, $"hosts must be 1..8, not {s.Hosts}");
        Require(s.RealHosts >= 0 && s.RealHosts <= s.Hosts, $"real_hosts must be 0..hosts, not {s.RealHosts}");
        Require(s.IoTimeout is >= 1 and <= 10, $"io_timeout must be 1..10, not {s.IoTimeout}");
        Require(s.Disks is >= 1 and <= 32, $"disks must be 1..32, not {s.Disks}");
        Require(s.WorkersPerHost is >= 1 and <= 16, $"workers_per_host must be 1..16, not {s.WorkersPerHost}");
        Require(s.SharedRatio is >= 0 and <= 1, $"shared_ratio must be 0..1, not {s.SharedRatio}");
        Require(s.HoldMs.Length == 2 && s.HoldMs[0] >= 0 && s.HoldMs[0] <= s.HoldMs[1], "hold_ms must be [min, max]");
        Require(s.Seconds >= 1, $"seconds must be positive, not {s.Seconds}");
        foreach (var f in s.Faults)
        {
            Require(FaultKind.All.Contains(f.Kind), $"unknown fault kind '{f.Kind}' (known: {string.Join(", ", FaultKind.All)})");
            Require(f.PerMinute >= 0, $"fault {f.Kind}: per_minute must not be negative");
            Require(f.Seconds.Length == 2 && f.Seconds[0] >= 0 && f.Seconds[0] <= f.Seconds[1], $"fault {f.Kind}: seconds must be [min, max]");
            Require(f.At.All(t => t >= 0), $"fault {f.Kind}: at must list seconds into the run");
        }
    }
}
