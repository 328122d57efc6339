namespace Sanlock.InteropTests.Daemon;

/// <summary>
/// Shared leases across a mixed cluster: a real sanlock 3.8.5 host and ours read and write each other's mode blocks,
/// so SH holders on both hosts coexist, an EX request is refused while any SH holder lives on either host, and a
/// conversion to EX on one host succeeds only once the other host's SH holder is gone.
/// </summary>
public sealed class MixedClusterSharedTests : IDisposable
{
    private readonly MixedCluster _cluster = new();

    private RealDaemon Real => _cluster.Real;

    private OurDaemon Ours => _cluster.Ours;

    private string R1Path => _cluster.Lease("r1");

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public void SharedHoldersOnBothHosts_Coexist_AndExcludeExclusive()
    {
        using var realShared = PythonHolder.Start(Real.RunDir, "LS", "R1", R1Path, shared: true);
        using var ourShared = PythonHolder.Start(Ours.RunDir, "LS", "R1", R1Path, shared: true);
        Assert.Equal("held", realShared.Outcome);
        Assert.Equal("held", ourShared.Outcome);

        using (var ourExclusive = PythonHolder.Start(Ours.RunDir, "LS", "R1", R1Path))
        {
            Assert.StartsWith("error ", ourExclusive.Outcome, StringComparison.Ordinal);
        }
        using (var realExclusive = PythonHolder.Start(Real.RunDir, "LS", "R1", R1Path))
        {
            Assert.StartsWith("error ", realExclusive.Outcome, StringComparison.Ordinal);
        }

        // Our host cannot convert to EX while the real host's SH holder lives …
        var pid = ourShared.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var refused = Ours.Client("convert", "-r", $"LS:R1:{R1Path}:0", "-p", pid);
        Assert.DoesNotContain("convert done 0", refused.Stdout, StringComparison.Ordinal);

        // … and can once it is gone; then the real host is refused even a shared lease.
        realShared.Kill();
        WaitUntil(() => !Real.Client("status").Stdout.Contains("r LS:R1:", StringComparison.Ordinal), "the real host to drop its SH lease");
        Assert.Contains("convert done 0", Ours.Client("convert", "-r", $"LS:R1:{R1Path}:0", "-p", pid).Stdout, StringComparison.Ordinal);
        using (var realAfter = PythonHolder.Start(Real.RunDir, "LS", "R1", R1Path, shared: true))
        {
            Assert.StartsWith("error ", realAfter.Outcome, StringComparison.Ordinal);
        }

        // Released by ours, the real host gets it exclusively.
        ourShared.Kill();
        WaitUntil(() => !Ours.Client("status").Stdout.Contains("r LS:R1:", StringComparison.Ordinal), "our host to drop its lease");
        using var realExclusiveAgain = PythonHolder.Start(Real.RunDir, "LS", "R1", R1Path);
        Assert.Equal("held", realExclusiveAgain.Outcome);
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }
            Thread.Sleep(200);
        }
    }
}
