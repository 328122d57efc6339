using Polly;
using Polly.Retry;

namespace Sanlock.Daemon.Killing;

/// <summary>The kill schedule's loop (§4.7.6) as a Polly retry pipeline: one step per interval, at most
/// <see cref="KillSchedule.MaxSteps"/> steps, ending as soon as no holder is left.</summary>
public static class KillLoop
{
    /// <summary>Each step asks <paramref name="holders"/> who still holds leases and applies <paramref name="step"/>
    /// to each. Returns true when none is left, false when the steps ran out with holders remaining.</summary>
    public static async Task<bool> RunAsync<THolder>(Func<IReadOnlyList<THolder>> holders, Action<THolder> step,
        TimeSpan? interval = null, int maxSteps = KillSchedule.MaxSteps, CancellationToken cancellationToken = default)
    {
        var pipeline = new ResiliencePipelineBuilder<bool>()
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && !args.Outcome.Result),
                MaxRetryAttempts = maxSteps,
                BackoffType = DelayBackoffType.Constant,
                Delay = interval ?? KillSchedule.StepInterval,
                UseJitter = false,
            })
            .Build();
        int steps = 0;
        return await pipeline.ExecuteAsync(_ =>
        {
            var remaining = holders();
            if (remaining.Count == 0)
            {
                return ValueTask.FromResult(true);
            }
            if (steps == maxSteps)
            {
                return ValueTask.FromResult(false);
            }
            steps++;
            foreach (var holder in remaining)
            {
                step(holder);
            }
            return ValueTask.FromResult(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}
