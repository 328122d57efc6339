using YamlDotNet.Serialization;

namespace Sanlock.Chaos;

/// <summary>A chaos scenario (conf/chaos/*.yaml).</summary>
public sealed class Scenario
{
    [YamlMember(Alias = "hosts")]
    public int Hosts { get; set; } = 3;

    /// <summary>How many of the hosts run the real sanlock 3.8.5 daemon (the first ones); the rest run ours.</summary>
    [YamlMember(Alias = "real_hosts")]
    public int RealHosts { get; set; }

    [YamlMember(Alias = "io_timeout")]
    public int IoTimeout { get; set; } = 1;

    [YamlMember(Alias = "disks")]
    public int Disks { get; set; } = 3;

    [YamlMember(Alias = "workers_per_host")]
    public int WorkersPerHost { get; set; } = 2;

    /// <summary>Share of acquisitions asking for a shared lease.</summary>
    [YamlMember(Alias = "shared_ratio")]
    public double SharedRatio { get; set; } = 0.25;

    [YamlMember(Alias = "hold_ms")]
    public int[] HoldMs { get; set; } = [200, 1500];

    [YamlMember(Alias = "seconds")]
    public int Seconds { get; set; } = 60;

    /// <summary>Mount a small ext4 image through a loop device for the leases and guarded disks (needed for the
    /// full-fs fault); falls back to /var/tmp when mount is not permitted.</summary>
    [YamlMember(Alias = "loop_fs")]
    public bool LoopFs { get; set; } = true;

    [YamlMember(Alias = "faults")]
    public FaultRate[] Faults { get; set; } = [];
}

/// <summary>A fault kind with its rate (per minute) and how long it lasts (seconds, where it lasts).</summary>
public sealed class FaultRate
{
    [YamlMember(Alias = "kind")]
    public string Kind { get; set; } = "";

    [YamlMember(Alias = "per_minute")]
    public double PerMinute { get; set; }

    [YamlMember(Alias = "seconds")]
    public int[] Seconds { get; set; } = [5, 10];

    /// <summary>Seconds into the run at which this fault is injected for sure (besides the random ones), so that a
    /// short run covers every kind.</summary>
    [YamlMember(Alias = "at")]
    public int[] At { get; set; } = [];
}
