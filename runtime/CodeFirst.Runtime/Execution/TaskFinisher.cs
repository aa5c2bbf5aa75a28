using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// Records a try's result and, in the same transaction, decides its downstream tasks and the
/// run's state. Only the worker that holds the lease can record the result. Callbacks run after
/// the commit and cannot change what was recorded.
/// </summary>
internal sealed partial class TaskFinisher(IStore store, DagBag dags, EngineEvents events, WorkSignal work, WorkSignal scheduler, EngineOptions options, TimeProvider time, CallbackRunner callbacks, WaitingRunWaker waiting,
    Triggers.TaskSuspender suspender, ILogger<TaskFinisher> logger)
{
    private readonly RunCommitBatcher _commits = new(store);

    private sealed record Recorded(RunAdvancer.Outcome Outcome, bool AssetsRecorded, ClaimedTask? Next);

    /// <summary>
    /// A recorded result: <see cref="Next"/> is the downstream instance already started in the slot it frees;
    /// <see cref="QueuedInstances"/> the other downstream instances it queued, of the tasks <see cref="QueuedTasks"/>
    /// (the worker may claim one of them for the slot; the rest are the claim loop's).
    /// </summary>
    public sealed record Finished(IReadOnlyList<string> QueuedTasks, int QueuedInstances, ClaimedTask? Next = null)
    {
        public static Finished Nothing { get; } = new([], 0);
    }

    /// <summary>
    /// Puts a try that shutdown interrupted back in the queue: state queued again, its try not
    /// counted, its log kept with a line saying why. False when the lease was already lost.
    /// </summary>
    public async Task<bool> HandBackAsync(ClaimedTask claim, string worker, TaskExecutor.Result result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var tx = await store.BeginRunTransactionAsync(claim.RunPk, cancellationToken);
        if (!await tx.TransitionAsync(claim.TaskId, [TaskInstanceState.Running], TaskInstanceState.Queued,
                new TaskTransition(now) { RequireWorker = worker, UndoTry = true, MapIndex = claim.MapIndex }, cancellationToken))
            return false;
        await tx.AppendLogAsync(claim.TaskId, claim.MapIndex, claim.TryNumber,
            [.. result.Log, new LogLine(now, "Warning", $"Worker '{worker}' stopped while this try ran; it was handed back to the queue and will run again.")],
            cancellationToken);
        await tx.CommitAsync(cancellationToken);
        events.Raise(new TaskInstanceChange(claim.DagId, claim.RunId, claim.TaskId, TaskInstanceState.Queued, claim.TryNumber - 1, claim.MaxTries, "handed back at shutdown") { MapIndex = claim.MapIndex });
        work.Set();
        return true;
    }

    /// <summary>
    /// Records the result; null when the lease was lost. Wakes the claim loop for a retry; queued downstream
    /// tasks are the caller's to claim or to signal (<see cref="Finished.QueuedTasks"/>). With <paramref name="handOff"/>,
    /// a downstream task of the same pool (needing no more slots) that this worker's queues serve starts in the same
    /// transaction, in the slot this task frees (<see cref="Finished.Next"/>).
    /// </summary>
    public async Task<Finished?> FinishAsync(ClaimedTask claim, string worker, TaskExecutor.Result result, CancellationToken cancellationToken, bool handOff = false)
    {
        // A rescheduled sensor or a deferred task is not finished: no result, no downstream decision.
        if (result.Outcome.Kind == TaskOutcomeKind.Suspended)
            return await suspender.SuspendAsync(claim, worker, result, cancellationToken) ? Finished.Nothing : null;
        var loaded = dags.Get(claim.DagId);
        var dag = loaded.Definition;
        var task = dag.GetTask(claim.TaskId);
        var now = time.GetUtcNow();
        var retry = result.Outcome.Kind == TaskOutcomeKind.Failed && claim.TryNumber < claim.MaxTries;
        var target = result.Outcome.Kind switch
        {
            TaskOutcomeKind.Success => TaskInstanceState.Success,
            TaskOutcomeKind.Skipped => TaskInstanceState.Skipped,
            _ when retry => TaskInstanceState.UpForRetry,
            _ => TaskInstanceState.Failed,
        };
        var readyAt = retry ? now + (options.RetryDelayOverride ?? RetryPolicy.NextDelay(task, claim.DagId, claim.LogicalDate, claim.TryNumber)) : (DateTimeOffset?)null;
        var details = new TaskTransition(now) { RequireWorker = worker, Ends = true, ReadyAt = readyAt, MapIndex = claim.MapIndex };

        // A finished task with nothing downstream only needs the run's unfinished count: read with the transition,
        // and planned ahead so a transaction of such results runs all of them at once.
        var plan = target.IsFinished() && dag.Downstream(claim.TaskId).Count == 0 && (target != TaskInstanceState.Success || result.Outcome.SkipDownstream.Count == 0)
            ? new PlannedTransition(claim.TaskId, [TaskInstanceState.Running], target, details)
            : null;
        // Results of the same run that arrive together share one transaction (group commit).
        var recorded = await _commits.RecordAsync(claim.RunPk, async (tx, ct) =>
        {
            // What this result queues, the worker claims itself or wakes its claim loop for (Worker.HandOffAsync).
            tx.WorkersWokenBy(worker);
            int? unfinished = null;
            if (plan is not null)
            {
                var (moved, count) = await tx.TransitionAndCountUnfinishedAsync(plan.TaskId, plan.Expected, plan.To, plan.Details, ct);
                if (!moved) return null;
                unfinished = count;
            }
            else if (!await tx.TransitionAsync(claim.TaskId, [TaskInstanceState.Running], target, details, ct))
                return null; // The lease was lost (zombie handling or a clear got there first): this result no longer counts.
            await tx.AppendLogAsync(claim.TaskId, claim.MapIndex, claim.TryNumber, result.Log, ct);
            await tx.RecordTryAsync(claim.TaskId, claim.MapIndex, claim.TryNumber, worker, ct);
            if (target == TaskInstanceState.Success)
            {
                foreach (var (key, value) in result.Pushed) await tx.SetXComAsync(claim.TaskId, claim.MapIndex, key, value, ct);
                if (result.Outcome.ReturnJson is { } json) await tx.SetXComAsync(claim.TaskId, claim.MapIndex, XComJson.ReturnValueKey, json, ct);
                // Kept even when empty: it replaces what an earlier try of a cleared branch decided.
                if (BranchDecisions.Decides(task))
                    await tx.SetXComAsync(claim.TaskId, BranchDecisions.XComKey, BranchDecisions.Serialize(result.Outcome.SkipDownstream), ct);
            }
            var skip = target == TaskInstanceState.Success ? result.Outcome.SkipDownstream : [];
            var advanced = target.IsFinished()
                ? await RunAdvancer.AdvanceAsync(tx, loaded, [claim.TaskId], now, ct, skip, unfinished)
                : new RunAdvancer.Outcome(0, null, []);
            var assets = false;
            await Assets.AssetOutlets.RecordAsync(tx, task, claim, target == TaskInstanceState.Success, now, () => assets = true, ct);
            var next = handOff && SlotTaker(dag, task, advanced) is { } taker
                ? await tx.StartQueuedAsync(taker.TaskId, taker.MapIndex, worker, now, now + options.LeaseDuration, ct)
                : null;
            return new Recorded(advanced, assets, next);
        }, cancellationToken, plan);
        if (recorded is null) return null;
        var (outcome, assetsRecorded, started) = recorded;
        if (assetsRecorded) scheduler.Set();

        if (retry) work.Set();
        try
        {
            await AfterCommitAsync(claim, result, dag, task, target, outcome, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The result is recorded (and a downstream task may already run in its slot): what follows the commit
            // is told, not retried. The scheduler's pass wakes depends_on_past runs as a backstop.
            LogAfterCommitFailed(logger, e, claim.DagId, claim.RunId, claim.TaskId);
        }
        if (outcome.Queued == 0) return Finished.Nothing;
        var queued = outcome.Changed.Where(c => c.State == TaskInstanceState.Queued && !(c.TaskId == started?.TaskId && c.MapIndex == started.MapIndex)).ToList();
        return new Finished([.. queued.Select(c => c.TaskId).Distinct(StringComparer.Ordinal)], queued.Count, started);
    }

    /// <summary>Events, callbacks and the cross-run wake-up of a recorded result.</summary>
    private async Task AfterCommitAsync(ClaimedTask claim, TaskExecutor.Result result, Definitions.DagDefinition dag, Definitions.TaskDefinition task,
        TaskInstanceState target, RunAdvancer.Outcome outcome, CancellationToken cancellationToken)
    {
        events.Raise(new TaskInstanceChange(claim.DagId, claim.RunId, claim.TaskId, target, claim.TryNumber, claim.MaxTries, result.Outcome.Error) { MapIndex = claim.MapIndex });
        foreach (var change in outcome.Changed) events.Raise(change.ToEvent(claim.DagId, claim.RunId));
        if (outcome.RunFinished is { } runState)
        {
            events.Raise(new DagRunChange(claim.DagId, claim.RunId, runState));
            scheduler.Set();
        }
        await callbacks.TaskFinishedAsync(dag, task, claim, target, result, CancellationToken.None);
        if (outcome.RunFinished is { } final) await callbacks.RunFinishedAsync(dag, claim.RunId, final, CancellationToken.None);
        // depends_on_past across runs: the next run may have instances that waited for this one.
        // They are decided in their own transaction right after this commit: never two run locks at once.
        if (target.IsFinished()) await waiting.WakeNextAsync(claim.DagId, claim.RunPk, claim.LogicalDate, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{DagId}/{RunId}/{TaskId}: the result is recorded, but telling of it failed")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception e, string dagId, string runId, string taskId);

    /// <summary>
    /// The queued downstream instance that may take the finished task's slot without any limit being looked at: same
    /// pool and no more slots (the pool's usage cannot grow), same DAG and worker (MaxActiveTasks and parallelism stay
    /// as they are), and a queue this worker serves.
    /// </summary>
    private RunAdvancer.Change? SlotTaker(Definitions.DagDefinition dag, Definitions.TaskDefinition finished, RunAdvancer.Outcome outcome)
    {
        foreach (var change in outcome.Changed)
        {
            if (change.State != TaskInstanceState.Queued) continue;
            var downstream = dag.GetTask(change.TaskId);
            if (downstream.Pool == finished.Pool && downstream.PoolSlots <= finished.PoolSlots
                && (options.Queues is null || options.Queues.Contains(downstream.Queue)))
                return change;
        }
        return null;
    }
}
