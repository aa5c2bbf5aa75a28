using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// Records a try's result and, in the same transaction, decides its downstream tasks and the
/// run's state. Only the worker that holds the lease can record the result.
/// </summary>
internal sealed class TaskFinisher(IStore store, DagBag dags, EngineEvents events, WorkSignal work, WorkSignal scheduler, TimeProvider time)
{
    public async Task<bool> FinishAsync(ClaimedTask claim, string worker, TaskExecutor.Result result, CancellationToken cancellationToken)
    {
        var dag = dags.Get(claim.DagId).Definition;
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
        var details = new TaskTransition(now) { RequireWorker = worker, Ends = true, ReadyAt = retry ? now + task.RetryDelay : null };

        await using var tx = await store.BeginRunTransactionAsync(claim.RunPk, cancellationToken);
        if (!await tx.TransitionAsync(claim.TaskId, [TaskInstanceState.Running], target, details, cancellationToken))
            return false; // The lease was lost (zombie handling or a clear got there first): this result no longer counts.
        await tx.AppendLogAsync(claim.TaskId, claim.TryNumber, result.Log, cancellationToken);
        if (target == TaskInstanceState.Success)
        {
            foreach (var (key, value) in result.Pushed) await tx.SetXComAsync(claim.TaskId, key, value, cancellationToken);
            if (result.Outcome.ReturnJson is { } json) await tx.SetXComAsync(claim.TaskId, XComJson.ReturnValueKey, json, cancellationToken);
        }
        var outcome = target.IsFinished()
            ? await RunAdvancer.AdvanceAsync(tx, dag, [claim.TaskId], now, cancellationToken)
            : new RunAdvancer.Outcome(0, null, []);
        await Assets.AssetOutlets.RecordAsync(tx, task, claim, target == TaskInstanceState.Success, now, scheduler.Set, cancellationToken);
        await tx.CommitAsync(cancellationToken);

        if (outcome.Queued > 0 || retry) work.Set();
        events.Raise(new TaskInstanceChange(claim.DagId, claim.RunId, claim.TaskId, target, claim.TryNumber, claim.MaxTries, result.Outcome.Error));
        foreach (var (taskId, state) in outcome.Changed)
            events.Raise(new TaskInstanceChange(claim.DagId, claim.RunId, taskId, state, 0, 0, null));
        if (outcome.RunFinished is { } runState)
        {
            events.Raise(new DagRunChange(claim.DagId, claim.RunId, runState));
            scheduler.Set();
        }
        return true;
    }
}
