using Sanlock.TestKit;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// Our <c>direct dump</c> and <c>direct read_leader</c> of lease files a real sanlock daemon just wrote (joined,
/// acquired, shared, requested, released, left) print exactly what the real CLI prints.
/// </summary>
public sealed class DaemonWrittenLeaseTests : IClassFixture<RealDaemonLeaseStates>, IDisposable
{
    private readonly RealDaemonLeaseStates _states;
    private readonly TempLeaseDir _dir = new("direct-daemon-read");

    public DaemonWrittenLeaseTests(RealDaemonLeaseStates states) => _states = states;

    public static TheoryData<string, string> Cases => new()
    {
        { "lockspace_joined", "dump FILE" },
        { "lockspace_joined", "read_leader -s LS:1:FILE:0" },
        { "lockspace_left", "dump FILE" },
        { "lockspace_left", "read_leader -s LS:1:FILE:0" },
        { "resource_acquired", "dump FILE" },
        { "resource_acquired", "read_leader -r LS:R1:FILE:0" },
        { "resource_shared", "dump FILE" },
        { "resource_shared", "read_leader -r LS:R2:FILE:0" },
        { "resource_requested", "dump FILE" },
        { "resource_requested", "read_leader -r LS:R1:FILE:0" },
        { "resource_released", "dump FILE" },
        { "resource_released", "read_leader -r LS:R1:FILE:0" },
        { "resource_shared_released", "dump FILE" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DirectRead_OfDaemonWrittenState_PrintsWhatRealPrints(string state, string arguments)
    {
        if (_states.Unavailable is { } why)
        {
            Assert.Skip(why);
        }

        var image = _states.Snapshots[state];
        var args = arguments.Split(' ');
        var real = DirectRun.On(SanlockBinaries.Real, _dir.PathOf("real.lease"), image, args);
        var ours = DirectRun.On(SanlockBinaries.Ours, _dir.PathOf("ours.lease"), image, args);

        Assert.Equal(0, real.Result.ExitCode);
        Assert.Equal(real.Result.StdoutText, ours.Result.StdoutText);
        Assert.Equal(real.Result.ExitCode, ours.Result.ExitCode);
        Assert.Equal(image, ours.FileAfter);
    }

    [Fact]
    public void States_ShowWhatTheDaemonDid()
    {
        if (_states.Unavailable is { } why)
        {
            Assert.Skip(why);
        }

        // guards against snapshots taken before the daemon wrote anything
        string Dump(string state) =>
            DirectRun.On(SanlockBinaries.Ours, _dir.PathOf("ours.lease"), _states.Snapshots[state], "dump", "FILE").Result.StdoutText;
        Assert.Matches(@"\n00000000 +LS +\S+ 0*[1-9]\d* 0001 0001\n", Dump("lockspace_joined"));
        Assert.Matches(@"R1 0*[1-9]\d* 0001 0001 1\n", Dump("resource_acquired"));
        Assert.Matches(@"R1 0000000000 0001 0001 1\n", Dump("resource_released"));
        Assert.Matches(@"\n +0001 0001 SH\n", Dump("resource_shared"));
        Assert.Equal(_states.Snapshots["resource_acquired"].AsSpan(0, 512).ToArray(), _states.Snapshots["resource_requested"].AsSpan(0, 512).ToArray());
        Assert.NotEqual(_states.Snapshots["resource_acquired"].AsSpan(512, 512).ToArray(), _states.Snapshots["resource_requested"].AsSpan(512, 512).ToArray());
    }

    public void Dispose() => _dir.Dispose();
}
