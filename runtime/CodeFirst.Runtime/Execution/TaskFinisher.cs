using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// Records a try's result and, in the same transaction, decides its downstream tasks and the
/// run's state. Only the worker that holds the lease can record the result. Callbacks run after
/// the commit and cannot change what was recorded.
/// </summary>
internal sealed class TaskFinisher(IStore store, DagBag dags, EngineEvents events, WorkSignal work, WorkSignal scheduler, EngineOptions options, TimeProvider time, CallbackRunner callbacks, WaitingRunWaker waiting,
    Triggers.TaskSuspender suspender)
{
    private readonly RunCommitBatcher _commits = new(store);

    private sealed record Recorded(RunAdvancer.Outcome Outcome, bool AssetsRecorded);

    /// <summary>A recorded result and the downstream tasks it queued: the worker may run one of them next in the same slot.</summary>
    public sealed record Finished(IReadOnlyList<string> Queued)
    {
        public static Finished Nothing { get; } = new([]);
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
    /// tasks are the caller's to claim or to signal (<see cref="Finished.Queued"/>).
    /// </summary>
    public async Task<Finished?> FinishAsync(ClaimedTask claim, string worker, TaskExecutor.Result result, CancellationToken cancellationToken)
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

        // Results of the same run that arrive together share one transaction (group commit).
        var recorded = await _commits.RecordAsync(claim.RunPk, async (tx, ct) =>
        {
            if (!await tx.TransitionAsync(claim.TaskId, [TaskInstanceState.Running], target, details, ct))
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
                ? await RunAdvancer.AdvanceAsync(tx, loaded, [claim.TaskId], now, ct, skip)
                : new RunAdvancer.Outcome(0, null, []);
            var assets = false;
            await Assets.AssetOutlets.RecordAsync(tx, task, claim, target == TaskInstanceState.Success, now, () => assets = true, ct);
            return new Recorded(advanced, assets);
        }, cancellationToken);
        if (recorded is null) return null;
        var (outcome, assetsRecorded) = recorded;
        if (assetsRecorded) scheduler.Set();

        if (retry) work.Set();
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
        return outcome.Queued == 0 ? Finished.Nothing
            : new Finished([.. outcome.Changed.Where(c => c.State == TaskInstanceState.Queued).Select(c => c.TaskId).Distinct(StringComparer.Ordinal)]);
    }
}
