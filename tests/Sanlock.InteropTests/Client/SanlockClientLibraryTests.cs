using Sanlock.Client;
using Sanlock.OnDisk;
using Sanlock.Protocol.Flags;
using Sanlock.Protocol.Replies;
using Sanlock.Protocol.Structs;
using Sanlock.Protocol.Text;
using Sanlock.TestKit;

namespace Sanlock.InteropTests.Client;

/// <summary>Our client library against a real 3.8.5 daemon: a registered connection acquires, inquires, converts and
/// releases on itself; closing it releases the lease; typed results carry the daemon's codes.</summary>
public class SanlockClientLibraryTests
{
    [Fact]
    public async Task RegisteredConnection_AcquireInquireConvertRelease_AndCloseReleases()
    {
        await using RealSanlockDaemon daemon = await RealSanlockDaemon.StartAsync(TestContext.Current.CancellationToken);
        string ls = await daemon.CreateLockspaceAsync("LS", "ls", ioTimeout: 1);
        string r1 = await daemon.CreateResourceAsync("LS", "R1", "r1");
        var client = new SanlockClient(daemon.SocketPath);
        SanlkLockspace lockspace = LockspaceString.Parse($"LS:1:{ls}:0");

        Assert.Equal(-2, client.InqLockspace(lockspace).Result);
        Assert.Equal(0, client.AddLockspace(lockspace, ioTimeout: 1).Result);
        Assert.Equal(-17, client.AddLockspace(lockspace, ioTimeout: 1).Result);
        SanlkResource resource = ResourceString.Parse($"LS:R1:{r1}:0");

        using (RegisteredClient holder = RegisteredClient.Register(daemon.SocketPath))
        {
            Assert.Equal(0, holder.Acquire([resource], new SanlkOptions("vm-test")).Result);
            SanlockReply inquire = holder.Inquire();
            Assert.Equal((0, 1u), (inquire.Result, inquire.Header.Data2));
            Assert.Equal($"LS:R1:{r1}:0:1", inquire.BodyAs<InquireReply>().State);

            Assert.Equal(0, holder.Convert(resource with { Flags = ResourceFlags.Shared }).Result);
            Assert.Equal(-114, holder.Convert(resource with { Flags = ResourceFlags.Shared }).Result);
            Assert.EndsWith(":SH", holder.Inquire().BodyAs<InquireReply>().State, StringComparison.Ordinal);
            Assert.Equal(0, holder.Convert(resource).Result);

            SanlockReply status = client.Status();
            StateRecord held = Assert.Single(status.BodyAs<StateRecordsReply>().Records, r => r.State.Type == StateType.Resource);
            Assert.Equal("R1", held.Resource!.Name);
            Assert.Contains(status.BodyAs<StateRecordsReply>().Records, r => r.State.Type == StateType.Client && r.State.Name == "vm-test");

            Assert.Equal(0, holder.Release([resource]).Result);
            Assert.Equal(-1, holder.Release([resource]).Result);
            Assert.Equal(0, holder.Acquire([resource], SanlkOptions.Empty).Result);
        }

        // Closing the registered connection is the holder's death: the daemon releases the lease.
        bool released = false;
        for (int i = 0; i < 50 && !released; i++)
        {
            released = !client.Status().BodyAs<StateRecordsReply>().Records.Any(r => r.State.Type == StateType.Resource);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.True(released, "the lease was still listed 5 s after its holder's connection closed");

        SanlockException refused = Assert.Throws<SanlockException>(() => client.Inquire(4242).EnsureSuccess());
        Assert.Equal(SanlockError.ESRCH, refused.Error);
        Assert.Equal(0x03080500u, client.Version().Header.Data2);
        Assert.Equal(0, client.RemLockspace(lockspace).Result);
    }

    [Fact]
    public void MissingSocket_GivesENOENT_LikeLibsanlock()
    {
        var client = new SanlockClient($"/var/tmp/no-such-dir-{Guid.NewGuid():N}/sanlock.sock");
        Assert.Equal(-2, client.Version().Result);
        Assert.Equal(-2, client.Shutdown(force: false));
    }
}
