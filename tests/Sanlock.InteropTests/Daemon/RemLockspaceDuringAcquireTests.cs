using Sanlock.Client;
using Sanlock.Protocol.Structs;

namespace Sanlock.InteropTests.Daemon;

/// <summary>Regression for the chaos run (conf/chaos/all-ours.yaml, seed 8): an ACQUIRE still waiting out a dead
/// owner when its lockspace was removed went on and was granted ~2.5 s later, with the removed incarnation's
/// generation — so another host took the "held" lease at once (two holders). Removing the lockspace must end the
/// acquire with an error instead.</summary>
public sealed class RemLockspaceDuringAcquireTests : IDisposable
{
    private readonly DaemonTestDir _dir = new();
    private readonly OurDaemon _survivor;
    private readonly OurDaemon _owner;

    public RemLockspaceDuringAcquireTests()
    {
        _dir.InitLeases("LS", "R1");
        _survivor = OurDaemon.Start(Path.Combine(_dir.Root, "run1"), "survivor");
        _owner = OurDaemon.Start(Path.Combine(_dir.Root, "run2"), "owner");
    }

    public void Dispose()
    {
        _survivor.Dispose();
        _owner.Dispose();
        _dir.Dispose();
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Acquire_WhenLockspaceIsRemovedWhileWaitingOutADeadOwner_FailsInsteadOfBeingGranted()
    {
        string ls = _dir.Lease("ls");
        var cancel = TestContext.Current.CancellationToken;
        await Task.WhenAll(
            Task.Run(() => _survivor.Client("add_lockspace", "-s", $"LS:1:{ls}:0", "-o", "1"), cancel),
            Task.Run(() => _owner.Client("add_lockspace", "-s", $"LS:2:{ls}:0", "-o", "1"), cancel));
        using (var holder = PythonHolder.Start(_owner.RunDir, "LS", "R1", _dir.Lease("r1")))
        {
            Assert.Equal("held", holder.Outcome);
            _owner.Kill();
        }
        var resource = SanlkResource.Create("LS", "R1", [new SanlkDisk(_dir.Lease("r1"), 0)]);
        string socket = Path.Combine(_survivor.RunDir, "sanlock.sock");

        // Attempts fail with -243 until the survivor no longer sees the owner renew; the next one blocks.
        RegisteredClient? client = null;
        Task<int>? waiting = null;
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (waiting is null && DateTime.UtcNow < deadline)
        {
            client = RegisteredClient.Register(socket);
            var registered = client;
            var attempt = Task.Run(() => registered.Acquire([resource], new SanlkOptions("waiter")).Result, cancel);
            if (await Task.WhenAny(attempt, Task.Delay(TimeSpan.FromSeconds(3), cancel)) == attempt)
            {
                Assert.Equal(-243, await attempt);
                client.Dispose();
                await Task.Delay(500, cancel);
            }
            else
            {
                waiting = attempt;
            }
        }
        Assert.NotNull(waiting);
        try
        {
            _survivor.Client("rem_lockspace", "-s", $"LS:1:{ls}:0");

            bool ended = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(20), cancel)) == waiting;
            Assert.True(ended, "the acquire was still waiting 20 s after rem_lockspace");
            Assert.NotEqual(0, await waiting);
        }
        finally
        {
            client!.Dispose();
        }
    }
}
