using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// Claims queued task instances up to its concurrency, runs each on the thread pool, records
/// results, and heartbeats the leases of what it runs.
/// </summary>
internal sealed partial class Worker(
    IStore store, TaskExecutor executor, TaskFinisher finisher, EngineEvents events, WorkSignal work, EngineOptions options, TimeProvider time, ILogger<Worker> logger,
    IReadOnlyDictionary<string, int> maxActiveTasks)
{
    private readonly Dictionary<long, Task> _running = [];
    private readonly Lock _gate = new();
    private volatile bool _heldBack;
    private CancellationToken _claiming = new(canceled: true);

    /// <summary>Task instances this worker runs now.</summary>
    internal int RunningCount
    {
        get
        {
            lock (_gate) return _running.Count;
        }
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Running tries outlive the stopping token by the shutdown grace, and keep their leases meanwhile.
        using var tasksStopping = new CancellationTokenSource();
        using var heartbeatStopping = new CancellationTokenSource();
        _claiming = stoppingToken;
        var heartbeat = HeartbeatAsync(heartbeatStopping.Token);
        try
        {
            var backoff = TimeSpan.Zero;
            while (!stoppingToken.IsCancellationRequested)
            {
                var free = options.Concurrency - RunningCount;
                ClaimBatch claimed;
                try
                {
                    claimed = free > 0
                        ? await store.ClaimAsync(ClaimRequestFor(free), stoppingToken)
                        : ClaimBatch.Empty;
                    if (free > 0) _heldBack = claimed.HeldBack;
                    backoff = TimeSpan.Zero;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database is unreachable (restart, failover): keep going, it comes back.
                    backoff = NextBackoff(backoff);
                    LogClaimFailed(logger, e, backoff.TotalSeconds);
                    await Task.Delay(backoff, time, stoppingToken);
                    continue;
                }
                foreach (var claim in claimed)
                {
                    events.Raise(new TaskInstanceChange(claim.DagId, claim.RunId, claim.TaskId, State.TaskInstanceState.Running, claim.TryNumber, claim.MaxTries, null) { MapIndex = claim.MapIndex });
                    Start(claim, tasksStopping.Token);
                }
                if (free > 0 && claimed.Count == free) continue;
                await work.WaitAsync(await IdleWaitAsync(stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DrainAsync(tasksStopping);
            await heartbeatStopping.CancelAsync();
            await heartbeat;
        }
    }

    private async Task DrainAsync(CancellationTokenSource tasksStopping)
    {
        Task[] running;
        lock (_gate) running = [.. _running.Values];
        if (running.Length == 0) return;
        LogDraining(logger, running.Length, options.ShutdownGrace.TotalSeconds);
        try
        {
            await Task.WhenAll(running).WaitAsync(options.ShutdownGrace, time);
        }
        catch (TimeoutException)
        {
        }
        await tasksStopping.CancelAsync();
        lock (_gate) running = [.. _running.Values];
        await Task.WhenAll(running);
    }

    private ClaimRequest ClaimRequestFor(int free)
    {
        var now = time.GetUtcNow();
        return new ClaimRequest(options.WorkerId, free, now, now + options.LeaseDuration)
        {
            Queues = options.Queues,
            Parallelism = options.Parallelism,
            MaxActiveTasks = maxActiveTasks,
        };
    }

    private void Start(ClaimedTask claim, CancellationToken cancellationToken)
    {
        // Reserve the slot first so a task that finishes at once cannot leave a stale entry behind.
        lock (_gate) _running[claim.Id] = Task.CompletedTask;
        var run = Task.Run(async () =>
        {
            ClaimedTask? next = null;
            var unclaimed = 0;
            try
            {
                var started = time.GetTimestamp();
                var result = await executor.ExecuteAsync(claim, cancellationToken);
                Diagnostics.CodeFirstMetrics.TaskDuration.Record(time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("dag_id", claim.DagId));
                Diagnostics.CodeFirstMetrics.TaskInstancesFinished.Add(1,
                    new KeyValuePair<string, object?>("dag_id", claim.DagId), new KeyValuePair<string, object?>("outcome", result.Outcome.Kind.ToString().ToLowerInvariant()));
                if (cancellationToken.IsCancellationRequested && result.Outcome.Kind != TaskOutcomeKind.Success)
                {
                    // Stopped by shutdown, not by its own fault: back to the queue for another worker.
                    await finisher.HandBackAsync(claim, options.WorkerId, result, CancellationToken.None);
                    return;
                }
                // Recorded even while stopping: the try happened and its result must not be lost.
                if (await FinishWithRetriesAsync(claim, result) is not { } finished)
                    LogLostLease(logger, claim.DagId, claim.RunId, claim.TaskId);
                else
                {
                    next = finished.Next ?? await HandOffAsync(claim, finished.QueuedTasks);
                    // Queued downstream instances this slot did not take are the claim loop's.
                    unclaimed = finished.QueuedInstances - (finished.Next is null && next is not null ? 1 : 0);
                }
            }
            catch (Exception e)
            {
                LogFinishFailed(logger, e, claim.DagId, claim.RunId, claim.TaskId);
            }
            finally
            {
                // A freed slot usually only matters to the claim loop when it was full; otherwise it is
                // already claiming or waiting for work, and waking it would cost an empty claim.
                bool wasFull;
                lock (_gate)
                {
                    wasFull = _running.Count >= options.Concurrency;
                    _running.Remove(claim.Id);
                    // The successor takes over the slot in the same step, so the claim loop never sees it free.
                    if (next is not null) _running[next.Id] = Task.CompletedTask;
                }
                if (next is not null)
                {
                    events.Raise(new TaskInstanceChange(next.DagId, next.RunId, next.TaskId, State.TaskInstanceState.Running, next.TryNumber, next.MaxTries, null) { MapIndex = next.MapIndex });
                    Start(next, cancellationToken);
                }
                // Other processes hear of unclaimed instances from the store; this one's claim loop from here. Also when
                // limits held work back: this task's pool slot or DAG slot may be what it waits for.
                if (unclaimed > 0 || (next is null && (wasFull || _heldBack))) work.Set();
            }
        }, CancellationToken.None);
        lock (_gate)
        {
            if (_running.ContainsKey(claim.Id)) _running[claim.Id] = run;
        }
    }

    // A result is recorded in one transaction, so retrying after a failed commit attempt is safe:
    // the guard (state running, our lease) makes a second success impossible. Retries last as long as
    // the lease, after which the try is a zombie anyway.
    private async Task<TaskFinisher.Finished?> FinishWithRetriesAsync(ClaimedTask claim, TaskExecutor.Result result)
    {
        var deadline = time.GetUtcNow() + options.LeaseDuration;
        var backoff = TimeSpan.Zero;
        while (true)
        {
            try
            {
                return await finisher.FinishAsync(claim, options.WorkerId, result, CancellationToken.None, handOff: HandsOffSlots);
            }
            catch (Exception e) when (time.GetUtcNow() + (backoff = NextBackoff(backoff)) < deadline)
            {
                LogFinishRetry(logger, e, claim.DagId, claim.RunId, claim.TaskId, backoff.TotalSeconds);
                await Task.Delay(backoff, time);
            }
        }
    }

    /// <summary>
    /// Claims one instance of the downstream tasks the finished task queued, for the slot it frees: a chain
    /// moves on without a trip through the claim loop. Pools, MaxActiveTasks, parallelism and queues apply as in
    /// any claim; nothing is handed off while the worker stops.
    /// </summary>
    private async Task<ClaimedTask?> HandOffAsync(ClaimedTask finished, IReadOnlyList<string> queued)
    {
        if (queued.Count == 0 || !HandsOffSlots) return null;
        try
        {
            // Not cancelled half-way: a claim committed but never started would wait for its lease to expire.
            var claimed = await store.ClaimAsync(ClaimRequestFor(1) with { Only = new ClaimScope(finished.RunPk, finished.DagId, queued) }, CancellationToken.None);
            return claimed.Count > 0 ? claimed[0] : null;
        }
        catch (Exception e)
        {
            LogHandOffFailed(logger, e, finished.DagId, finished.RunId, finished.TaskId);
            return null;
        }
    }

    /// <summary>A finished task's slot goes to its downstream work: when enabled, and never once the worker stops claiming.</summary>
    private bool HandsOffSlots => options.HandOffSlots && !_claiming.IsCancellationRequested;

    private static TimeSpan NextBackoff(TimeSpan previous) =>
        previous == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(previous.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));

    private async Task<TimeSpan> IdleWaitAsync(CancellationToken cancellationToken)
    {
        var wait = options.PollInterval;
        DateTimeOffset? nextDue;
        try
        {
            nextDue = await store.NextRetryDueAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogClaimFailed(logger, e, wait.TotalSeconds);
            return wait;
        }
        if (nextDue is { } due)
        {
            var untilDue = due - time.GetUtcNow();
            if (untilDue < wait) wait = untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue;
        }
        return wait;
    }

    private async Task HeartbeatAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    long[] running;
                    lock (_gate) running = [.. _running.Keys];
                    await store.HeartbeatAsync(options.WorkerId, running, time.GetUtcNow() + options.LeaseDuration, stoppingToken);
                    Diagnostics.CodeFirstMetrics.Heartbeats.Add(1);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogHeartbeatFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{DagId}/{RunId}/{TaskId}: the lease was lost before the result was recorded; the result is discarded")]
    private static partial void LogLostLease(ILogger logger, string dagId, string runId, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{DagId}/{RunId}/{TaskId}: recording the result failed")]
    private static partial void LogFinishFailed(ILogger logger, Exception e, string dagId, string runId, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{DagId}/{RunId}/{TaskId}: claiming its downstream task failed; the claim loop takes it")]
    private static partial void LogHandOffFailed(ILogger logger, Exception e, string dagId, string runId, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming task instances failed; retrying in {Seconds} s")]
    private static partial void LogClaimFailed(ILogger logger, Exception e, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{DagId}/{RunId}/{TaskId}: recording the result failed; retrying in {Seconds} s")]
    private static partial void LogFinishRetry(ILogger logger, Exception e, string dagId, string runId, string taskId, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: waiting for {Count} running task instance(s) up to {Seconds} s, then handing back the rest")]
    private static partial void LogDraining(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed; leases may expire")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception e);
}
