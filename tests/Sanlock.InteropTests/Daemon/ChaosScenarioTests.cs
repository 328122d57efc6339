namespace Sanlock.InteropTests.Daemon;

/// <summary>SLOW (~2 min each): the CI chaos runs — 60 s of conf/chaos/{all-ours,mixed}.yaml with a fixed seed
/// through scripts/chaos (real daemons, worker processes, every fault kind); the run's checker must end with
/// "violations: 0". A failed run's records, daemon logs and summary stay in /var/tmp/sanlock-chaos-ci-*.</summary>
public sealed class ChaosScenarioTests
{
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("all-ours")]
    [InlineData("mixed")]
    public void Slow_ChaosScenario_For60SecondsWithFixedSeed_EndsWithNoViolations(string scenario)
    {
        string root = Tools.RepoRoot();
        string output = Path.Combine("/var/tmp", $"sanlock-chaos-ci-{scenario}-{Guid.NewGuid().ToString("N")[..8]}");

        var run = Tools.Run(Path.Combine(root, "scripts", "chaos"),
            ["--scenario", Path.Combine(root, "conf", "chaos", scenario + ".yaml"), "--seconds", "60", "--seed", "8", "--out", output],
            timeout: TimeSpan.FromMinutes(10));

        string last = run.Stdout.TrimEnd().Split('\n')[^1];
        Assert.True(run.ExitCode == 0 && last == "violations: 0", $"chaos {scenario} exited {run.ExitCode} (records in {output}):\n{run.Stdout}\n{run.Stderr}");
        Assert.DoesNotContain("acquisitions: 0 ", run.Stdout, StringComparison.Ordinal);
        Directory.Delete(output, recursive: true);
    }
}
