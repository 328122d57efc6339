namespace Sanlock.TestKit.Simulation;

/// <summary>
/// A deterministic single-threaded scheduler over virtual time. Every await of simulated code ends in a
/// piece of work registered here (a clock delay or one step of a disk I/O); among the work that is due, the
/// seed decides which runs next. Virtual time only advances when nothing is runnable, i.e. when every host
/// is blocked. Continuations run inline (no synchronization context), so a seed replays exactly.
/// </summary>
public sealed class SimScheduler
{
    private readonly List<Work> _queue = [];
    private readonly List<SimHost> _hosts = [];
    private long _sequence;

    public SimScheduler(int seed)
    {
        Seed = seed;
        Random = new Random(seed);
    }

    public int Seed { get; }

    /// <summary>The seeded source for every decision of the simulation (order, faults, workloads).</summary>
    public Random Random { get; }

    public TimeSpan Now { get; private set; }

    public long Steps { get; private set; }

    public IReadOnlyList<SimHost> Hosts => _hosts;

    public SimHost AddHost(TimeSpan bootOffset)
    {
        var host = new SimHost(_hosts.Count + 1, bootOffset);
        _hosts.Add(host);
        return host;
    }

    /// <summary>
    /// Registers work due at <paramref name="due"/>. Work owned by a host is dropped if the host crashes
    /// and held back while it is paused; work without an owner (the disk) always runs.
    /// </summary>
    public void Schedule(SimHost? owner, TimeSpan due, Action action) =>
        _queue.Add(new Work(owner, due < Now ? Now : due, _sequence++, action));

    /// <summary>Starts an asynchronous host program at the current virtual time.</summary>
    public Task Start(SimHost host, Func<Task> program)
    {
        var started = new TaskCompletionSource<Task>();
        Schedule(host, Now, () => started.SetResult(program()));
        return started.Task.Unwrap();
    }

    /// <summary>
    /// Runs work until <paramref name="until"/> (virtual) or until <paramref name="stop"/> says so; returns
    /// false when the step budget ran out (a livelock in virtual time).
    /// </summary>
    public bool RunUntil(TimeSpan until, Func<bool>? stop = null, long maxSteps = 5_000_000)
    {
        long budget = Steps + maxSteps;
        var runnable = new List<int>();
        while (stop?.Invoke() != true)
        {
            if (Steps >= budget)
            {
                return false;
            }

            runnable.Clear();
            TimeSpan next = TimeSpan.MaxValue;
            for (int i = _queue.Count - 1; i >= 0; i--)
            {
                var work = _queue[i];
                if (work.Owner is { IsCrashed: true })
                {
                    _queue.RemoveAt(i);
                    continue;
                }

                var ready = work.Owner is null || work.Owner.PausedUntil <= work.Due ? work.Due : work.Owner.PausedUntil;
                if (ready <= Now)
                {
                    runnable.Add(i);
                }
                else if (ready < next)
                {
                    next = ready;
                }
            }

            if (runnable.Count == 0)
            {
                if (next == TimeSpan.MaxValue || next > until)
                {
                    Now = until > Now ? until : Now;
                    return true;
                }

                Now = next;
                continue;
            }

            // Indices were collected from the end; sort so that the seed alone decides the pick.
            runnable.Sort();
            int pick = runnable[Random.Next(runnable.Count)];
            var chosen = _queue[pick];
            _queue.RemoveAt(pick);
            Steps++;
            chosen.Action();
        }

        return true;
    }

    private sealed record Work(SimHost? Owner, TimeSpan Due, long Sequence, Action Action);
}
