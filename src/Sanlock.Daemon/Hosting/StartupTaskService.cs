using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sanlock.Daemon.Hosting;

/// <summary>
/// Runs <see cref="DaemonOptions.StartupTasks"/> once the socket listens, before the host counts as started (so
/// systemd readiness waits for them). A task that throws stops the daemon, which then exits 1: start-up failed.
/// </summary>
/// <remarks>The tasks talk to the daemon through its socket like any client, e.g. libvirt's lockspace set-up.</remarks>
public sealed class StartupTaskService : IHostedService
{
    private readonly DaemonOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _log;

    public StartupTaskService(DaemonOptions options, IHostApplicationLifetime lifetime, ILogger<StartupTaskService> log)
    {
        _options = options;
        _lifetime = lifetime;
        _log = log;
    }

    /// <summary>The message of the task that failed, if one did.</summary>
    public string? Failure { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var task in _options.StartupTasks)
        {
            try
            {
                await Task.Run(() => task(_log, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failure = e.Message;
                _log.LogCritical("start-up failed: {Reason}", e.Message);
                _lifetime.StopApplication();
                return;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
