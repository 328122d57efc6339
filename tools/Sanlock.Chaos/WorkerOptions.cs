using System.Globalization;

namespace Sanlock.Chaos;

/// <summary>What a worker process is told on its command line (<c>sanlock-chaos worker key=value …</c>).</summary>
public sealed record WorkerOptions(
    int Host, int HostId, string Socket, string Lockspace, string LeaseDir, string DiskDir, int Disks,
    string Records, int Seed, double SharedRatio, int HoldMinMs, int HoldMaxMs, int Iterations)
{
    public string[] ToArgs() =>
    [
        "worker", $"host={Host}", $"host-id={HostId}", $"socket={Socket}", $"lockspace={Lockspace}", $"lease-dir={LeaseDir}",
        $"disk-dir={DiskDir}", $"disks={Disks}", $"records={Records}", $"seed={Seed}",
        $"shared-ratio={SharedRatio.ToString(CultureInfo.InvariantCulture)}", $"hold-min={HoldMinMs}", $"hold-max={HoldMaxMs}",
        $"iterations={Iterations}",
    ];

    public static WorkerOptions Parse(IEnumerable<string> args)
    {
        var map = args.Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        string Get(string key) => map.TryGetValue(key, out var v) ? v : throw new ArgumentException($"worker: missing {key}=");
        int Int(string key) => int.TryParse(Get(key), CultureInfo.InvariantCulture, out int v) ? v : throw new ArgumentException($"worker: {key} must be an integer");
        return new WorkerOptions(Int("host"), Int("host-id"), Get("socket"), Get("lockspace"), Get("lease-dir"), Get("disk-dir"),
            Int("disks"), Get("records"), Int("seed"), double.Parse(Get("shared-ratio"), CultureInfo.InvariantCulture),
            Int("hold-min"), Int("hold-max"), Int("iterations"));
    }

    public static string ResourceName(int disk) => $"R{disk}";

    public static string LeaseFile(string leaseDir, int disk) => Path.Combine(leaseDir, $"r{disk}");
}
