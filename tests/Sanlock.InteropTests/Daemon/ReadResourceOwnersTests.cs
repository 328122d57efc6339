namespace Sanlock.InteropTests.Daemon;

/// <summary>python3-sanlock <c>read_resource_owners</c> through our daemon answers as through the real one (§4.20):
/// the exclusive owner from the leader, or every shared owner from the mode blocks.</summary>
public sealed class ReadResourceOwnersTests : IDisposable
{
    private const string Script = """
        import sys, sanlock
        print(sanlock.read_resource_owners(b"LS", b"R1", [(sys.argv[1].encode(), 0)]))
        """;

    private readonly MixedCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public void SharedOnBothHosts_BothDaemonsListBothModeBlockOwners()
    {
        using var realHolder = PythonHolder.Start(_cluster.Real.RunDir, "LS", "R1", _cluster.Lease("r1"), shared: true);
        using var ourHolder = PythonHolder.Start(_cluster.Ours.RunDir, "LS", "R1", _cluster.Lease("r1"), shared: true);
        Assert.Equal("held", realHolder.Outcome);
        Assert.Equal("held", ourHolder.Outcome);

        string real = Owners(_cluster.Real.RunDir);
        Assert.Contains("'host_id': 1, 'generation': 1, 'timestamp': 0", real, StringComparison.Ordinal);
        Assert.Contains("'host_id': 2, 'generation': 1, 'timestamp': 0", real, StringComparison.Ordinal);
        Assert.Equal(real, Owners(_cluster.Ours.RunDir));
    }

    [Fact]
    public void Exclusive_BothDaemonsListTheLeaderOwnerOnly()
    {
        using var holder = PythonHolder.Start(_cluster.Ours.RunDir, "LS", "R1", _cluster.Lease("r1"));
        Assert.Equal("held", holder.Outcome);
        string real = Owners(_cluster.Real.RunDir);
        Assert.Contains("'host_id': 2, 'generation': 1", real, StringComparison.Ordinal);
        Assert.DoesNotContain("'timestamp': 0", real, StringComparison.Ordinal);
        Assert.Equal(real, Owners(_cluster.Ours.RunDir));
    }

    private string Owners(string runDir)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", Script, _cluster.Lease("r1") })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SANLOCK_RUN_DIR"] = runDir;
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30000), "read_resource_owners did not finish");
        Assert.Equal(0, process.ExitCode);
        return output.Trim();
    }
}
