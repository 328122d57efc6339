namespace Sanlock.Chaos.Tests;

public sealed class TokenGateTests
{
    [Fact]
    public void Accepts_ExclusiveWriteWithOlderToken_IsRefused()
    {
        var gate = new TokenGate(0, 0).After(5, exclusive: true);

        Assert.False(gate.Accepts(4, exclusive: true));
        Assert.True(gate.Accepts(5, exclusive: true));
        Assert.True(gate.Accepts(6, exclusive: true));
    }

    [Fact]
    public void Accepts_SharedWritersOfOneVersionAfterANewerSharedOne_AreAccepted()
    {
        var gate = new TokenGate(0, 0).After(3, exclusive: true).After(7, exclusive: false);

        Assert.True(gate.Accepts(6, exclusive: false));
        Assert.False(gate.Accepts(6, exclusive: true));
        Assert.False(gate.Accepts(2, exclusive: false));
    }
}

public sealed class GuardedDiskTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("guarded-disk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_WithStaleToken_IsRefusedAndLeavesTheRecordFileUnchanged()
    {
        GuardedDisk.Create(_dir, 0);
        var wait = TimeSpan.FromSeconds(1);

        Assert.Equal(WriteOutcome.Accepted, GuardedDisk.Write(_dir, 0, 2, true, "new", wait, out _));
        Assert.Equal(WriteOutcome.RefusedStaleToken, GuardedDisk.Write(_dir, 0, 1, true, "stale", wait, out _));

        Assert.Equal(["new"], File.ReadAllLines(GuardedDisk.DataPath(_dir, 0)));
    }

    [Fact]
    public void Write_FromManyThreadsWithRisingTokens_KeepsEveryAcceptedRecordInTokenOrder()
    {
        GuardedDisk.Create(_dir, 1);
        Parallel.For(0, 200, i => GuardedDisk.Write(_dir, 1, i, true, i.ToString(System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(10), out _));

        var tokens = File.ReadAllLines(GuardedDisk.DataPath(_dir, 1)).Select(int.Parse).ToList();
        Assert.Equal(tokens.Order(), tokens);
        Assert.Contains(199, tokens);
    }
}

public sealed class ScenarioLoaderTests
{
    [Fact]
    public void Parse_ReadsHostsAndFaults()
    {
        var s = ScenarioLoader.Parse("hosts: 4\nreal_hosts: 1\nfaults:\n  - { kind: pause-host, per_minute: 2, seconds: [10, 12] }\n", "t.yaml");

        Assert.Equal((4, 1), (s.Hosts, s.RealHosts));
        var f = Assert.Single(s.Faults);
        Assert.Equal((FaultKind.PauseHost, 2.0, 12), (f.Kind, f.PerMinute, f.Seconds[1]));
    }

    [Fact]
    public void Parse_UnknownFaultKind_NamesIt()
    {
        var e = Assert.Throws<ArgumentException>(() => ScenarioLoader.Parse("faults:\n  - { kind: meteor, per_minute: 1 }\n", "t.yaml"));

        Assert.Contains("meteor", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MoreRealHostsThanHosts_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => ScenarioLoader.Parse("hosts: 2\nreal_hosts: 3\n", "t.yaml"));

        Assert.Contains("real_hosts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RepositoryScenarios_AreValid()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sanlock.sln")))
        {
            dir = dir.Parent;
        }
        var files = Directory.GetFiles(Path.Combine(dir!.FullName, "conf", "chaos"), "*.yaml");

        Assert.NotEmpty(files);
        Assert.All(files, f => ScenarioLoader.Parse(File.ReadAllText(f), f));
    }
}
