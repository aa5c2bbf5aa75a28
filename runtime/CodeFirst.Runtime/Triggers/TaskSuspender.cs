using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Execution;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Triggers;

/// <summary>
/// Records a try that ended suspended rather than finished: up_for_reschedule until its next poke,
/// or deferred with its trigger. Either way the worker slot (and the pool slot) is given back.
/// </summary>
internal sealed class TaskSuspender(IStore store, EngineEvents events, WorkSignal workers, WorkSignal triggerers, TimeProvider time)
{
    public async Task<bool> SuspendAsync(ClaimedTask claim, string worker, TaskExecutor.Result result, CancellationToken cancellationToken)
    {
        var triggers = store as ITriggerStore
            ?? throw new InvalidOperationException($"{store.GetType().Name} does not support sensors in reschedule mode or deferral.");
        var now = time.GetUtcNow();
        var outcome = result.Outcome;
        bool moved;
        TaskInstanceState state;
        if (outcome.Trigger is { } trigger)
        {
            moved = await triggers.DeferAsync(claim.Id, worker, trigger, result.Log, now, cancellationToken);
            state = TaskInstanceState.Deferred;
            if (moved) triggerers.Set();
        }
        else
        {
            moved = await triggers.RescheduleAsync(claim.Id, worker, outcome.ReadyAt ?? now, result.Log, now, cancellationToken);
            state = TaskInstanceState.UpForReschedule;
            // The idle worker sleeps until the earliest due time, which this may have moved earlier.
            if (moved) workers.Set();
        }
        if (moved) events.Raise(new TaskInstanceChange(claim.DagId, claim.RunId, claim.TaskId, state, claim.TryNumber, claim.MaxTries, null) { MapIndex = claim.MapIndex });
        return moved;
    }
}
