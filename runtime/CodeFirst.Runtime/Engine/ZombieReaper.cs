using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// Running task instances whose lease expired belong to a worker that died: each is failed, or
/// retried when it has tries left, exactly as if its try had failed.
/// </summary>
internal sealed partial class ZombieReaper(
    IStore store, DagBag dags, EngineEvents events, WorkSignal work, EngineOptions options, TimeProvider time, ILogger<ZombieReaper> logger,
    Execution.CallbackRunner callbacks, WaitingRunWaker waiting)
{
    public async Task ReapAsync(CancellationToken cancellationToken)
    {
        // Airflow's task_queued_timeout: an instance queued too long is queued afresh (only an external
        // executor can lose one; here it moves the instance to the back of its priority class and says so).
        var now = time.GetUtcNow();
        var requeued = options.QueuedTimeout > TimeSpan.Zero ? await store.RequeueStaleAsync(now - options.QueuedTimeout, now, cancellationToken) : 0;
        if (requeued > 0)
        {
            LogRequeued(logger, requeued, options.QueuedTimeout.TotalSeconds);
            work.Set();
        }
        foreach (var (runPk, taskId, mapIndex, worker) in await store.ListExpiredLeasesAsync(time.GetUtcNow(), cancellationToken))
            await ReapAsync(runPk, taskId, mapIndex, worker, cancellationToken);
        await waiting.WakeAllAsync(cancellationToken);
    }

    private async Task ReapAsync(long runPk, string taskId, int mapIndex, string worker, CancellationToken cancellationToken)
    {
        var instance = (await store.ListTaskInstancesAsync(runPk, cancellationToken)).FirstOrDefault(t => t.TaskId == taskId && t.MapIndex == mapIndex);
        if (instance is null || dags.Find(instance.DagId) is not { } dag) return;
        var task = dag.Definition.FindTask(taskId);
        var run = await store.GetRunAsync(instance.DagId, instance.RunId, cancellationToken);
        var now = time.GetUtcNow();
        var retry = task is not null && instance.TryNumber < instance.MaxTries;
        var target = retry ? TaskInstanceState.UpForRetry : TaskInstanceState.Failed;
        var details = new TaskTransition(now) { RequireWorker = worker, Ends = true, ReadyAt = retry ? now + Execution.RetryPolicy.NextDelay(task!, instance.DagId, run?.LogicalDate ?? now, instance.TryNumber) : null, MapIndex = mapIndex };

        RunAdvancer.Outcome outcome = new(0, null, []);
        await using (var tx = await store.BeginRunTransactionAsync(runPk, cancellationToken))
        {
            if (!await tx.TransitionAsync(taskId, [TaskInstanceState.Running], target, details, cancellationToken)) return;
            await tx.AppendLogAsync(taskId, mapIndex, instance.TryNumber,
                [new LogLine(now, "Error", $"Worker '{worker}' stopped heartbeating; the try is treated as failed (zombie).")], cancellationToken);
            await tx.RecordTryAsync(taskId, mapIndex, instance.TryNumber, worker, cancellationToken);
            if (target == TaskInstanceState.Failed)
                outcome = await RunAdvancer.AdvanceAsync(tx, dag, [taskId], now, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        LogZombie(logger, instance.DagId, instance.RunId, taskId, worker);
        Diagnostics.CodeFirstMetrics.Zombies.Add(1, new KeyValuePair<string, object?>("dag_id", instance.DagId));
        events.Raise(new TaskInstanceChange(instance.DagId, instance.RunId, taskId, target, instance.TryNumber, instance.MaxTries, "zombie") { MapIndex = mapIndex });
        foreach (var change in outcome.Changed) events.Raise(change.ToEvent(instance.DagId, instance.RunId));
        if (outcome.RunFinished is { } final) events.Raise(new DagRunChange(instance.DagId, instance.RunId, final));
        work.Set();
        if (task is not null && run is not null)
        {
            var claim = new ClaimedTask(instance.Id, runPk, instance.DagId, instance.RunId, taskId, instance.TryNumber, instance.MaxTries,
                run.LogicalDate, run.DataIntervalStart, run.DataIntervalEnd, run.Conf) { MapIndex = mapIndex };
            var context = Execution.TaskExecutor.NewContext(claim, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, new Execution.RuntimeXCom(store, runPk));
            await callbacks.TaskFinishedAsync(dag.Definition, task, instance.RunId, target, "zombie", context, CancellationToken.None);
        }
        if (outcome.RunFinished is { } finished) await callbacks.RunFinishedAsync(dag.Definition, instance.RunId, finished, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} task instances were queued longer than {Seconds} s; queued them afresh")]
    private static partial void LogRequeued(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{DagId}/{RunId}/{TaskId}: worker {Worker} stopped heartbeating; failing the try")]
    private static partial void LogZombie(ILogger logger, string dagId, string runId, string taskId, string worker);
}
