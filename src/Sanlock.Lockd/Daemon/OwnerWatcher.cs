using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sanlock.Lockd.Daemon;

/// <summary>Polls owner pids (start time in /proc, so a reused pid is not mistaken for the owner) and releases the
/// locks of those that died; also ends an idle daemon when <see cref="LockdOptions.IdleTimeout"/> is set.</summary>
public sealed class OwnerWatcher : BackgroundService
{
    private readonly LockdOptions _options;
    private readonly LockManager _locks;
    private readonly LockdConnections _connections;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _log;

    public OwnerWatcher(LockdOptions options, LockManager locks, LockdConnections connections, IHostApplicationLifetime lifetime, ILogger<OwnerWatcher> log)
    {
        _options = options;
        _locks = locks;
        _connections = connections;
        _lifetime = lifetime;
        _log = log;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTime idleSince = DateTime.UtcNow;
        using var timer = new PeriodicTimer(_options.OwnerPollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                _locks.ReapDeadOwners();
                if (_options.IdleTimeout is not { } timeout)
                {
                    continue;
                }

                if (_connections.Count > 0 || _locks.LockCount > 0)
                {
                    idleSince = DateTime.UtcNow;
                }
                else if (DateTime.UtcNow - idleSince >= timeout)
                {
                    LockdLog.IdleExit(_log, (int)timeout.TotalSeconds);
                    _lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
