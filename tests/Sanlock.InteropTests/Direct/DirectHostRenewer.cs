using Sanlock.InteropTests.Daemon;

namespace Sanlock.InteropTests.Direct;

/// <summary>
/// Keeps a host_id live the daemonless way: our <c>direct acquire_id -o 1</c>, then <c>direct renew_id -o 1</c>
/// every second until disposed, then <c>direct release_id</c>. What <c>direct acquire</c> as that host_id needs to
/// be safe against a daemon judging the owner by its delta lease.
/// </summary>
internal sealed class DirectHostRenewer : IDisposable
{
    private readonly string _lockspace;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private DirectHostRenewer(string lockspace)
    {
        _lockspace = lockspace;
        _loop = Task.Run(RenewLoop);
    }

    /// <summary>Renewals that did not print <c>rewew_id done 0</c> (each one a test failure).</summary>
    public List<string> FailedRenewals { get; } = [];

    /// <param name="lockspace"><c>LS:HOST_ID:PATH:OFFSET</c></param>
    public static DirectHostRenewer Acquire(string lockspace)
    {
        var acquired = Tools.Run(OurDaemon.Binary, ["direct", "acquire_id", "-s", lockspace, "-o", "1"], timeout: TimeSpan.FromSeconds(100));
        Assert.Equal("acquire_id done 0\n", acquired.Stdout);
        return new DirectHostRenewer(lockspace);
    }

    private async Task RenewLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            var renewed = Tools.Run(OurDaemon.Binary, ["direct", "renew_id", "-s", _lockspace, "-o", "1"]);
            if (renewed.Stdout != "rewew_id done 0\n")
            {
                lock (FailedRenewals)
                {
                    FailedRenewals.Add($"{renewed.Stdout.Trim()} {renewed.Stderr.Trim()}");
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(30));
        Tools.Run(OurDaemon.Binary, ["direct", "release_id", "-s", _lockspace]);
        _stop.Dispose();
    }
}
