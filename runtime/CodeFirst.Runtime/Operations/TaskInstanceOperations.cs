using System.Text.RegularExpressions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Operations;

/// <summary>
/// Repairs on existing runs: clear task instances so they run again, mark them success or
/// failed. Unknown DAGs, runs or tasks raise <see cref="DagNotFoundException"/> or
/// <see cref="KeyNotFoundException"/>; invalid arguments (a bad regex, a state other than
/// success/failed) raise <see cref="ArgumentException"/> naming the argument.
/// </summary>
public sealed class TaskInstanceOperations
{
    private readonly IStore _store;
    private readonly DagBag _dags;
    private readonly EngineEvents _events;
    private readonly Action _wakeScheduler;
    private readonly Action _wakeWorkers;
    private readonly TimeProvider _time;
    private readonly Execution.CallbackRunner _callbacks;

    internal TaskInstanceOperations(IStore store, DagBag dags, EngineEvents events, Action wakeScheduler, Action wakeWorkers, TimeProvider time, Execution.CallbackRunner callbacks)
    {
        (_store, _dags, _events, _wakeScheduler, _wakeWorkers, _time, _callbacks) = (store, dags, events, wakeScheduler, wakeWorkers, time, callbacks);
    }

    private static readonly TaskInstanceState[] FailedStates = [TaskInstanceState.Failed, TaskInstanceState.UpstreamFailed];

    /// <summary>
    /// Resets the chosen task instances to <c>none</c> with their retries afresh (the try number
    /// keeps counting). A finished run goes back to queued and the scheduler starts it again; a
    /// running run re-decides the cleared instances at once. A running instance that is cleared
    /// loses its current try: the worker's result no longer counts.
    /// </summary>
    public async Task<IReadOnlyList<AffectedTaskInstance>> ClearAsync(ClearRequest request, CancellationToken cancellationToken)
    {
        var dag = _dags.Get(request.DagId);
        var tasks = SelectTasks(dag, request);
        var affected = new List<AffectedTaskInstance>();
        foreach (var run in await SelectRunsAsync(dag, request, cancellationToken))
        {
            var chosen = (await _store.ListTaskInstancesAsync(run.Id, cancellationToken))
                .Where(t => tasks.Contains(t.TaskId))
                // Map indices narrow the named tasks only; their upstream and downstream are cleared whole, as in Airflow.
                .Where(t => request.MapIndexes.Count == 0 || !request.TaskIds.Contains(t.TaskId) || request.MapIndexes.Contains(t.MapIndex))
                .Where(t => !request.OnlyFailed || FailedStates.Contains(t.State))
                .Where(t => !request.OnlyRunning || t.State == TaskInstanceState.Running)
                .Where(t => t.State != TaskInstanceState.None)
                .ToList();
            if (chosen.Count == 0) continue;
            affected.AddRange(chosen.Select(t => new AffectedTaskInstance(run.DagId, run.RunId, t.TaskId, t.State) { MapIndex = t.MapIndex }));
            if (!request.DryRun) await ClearRunAsync(dag, run, chosen, cancellationToken);
        }
        return affected;
    }

    /// <summary>
    /// Sets the chosen task instances to success or failed and lets the run advance as if they had
    /// finished so. As in Airflow, the marked task's downstream instances that are failed or
    /// upstream_failed are cleared so they run again (their finished run goes back to queued);
    /// otherwise a finished run is reopened and its state recomputed. Task callbacks do not run
    /// (nothing ran); the DAG's callback runs when the mark finishes the run.
    /// </summary>
    public async Task<IReadOnlyList<AffectedTaskInstance>> MarkAsync(MarkRequest request, CancellationToken cancellationToken)
    {
        if (request.State is not (TaskInstanceState.Success or TaskInstanceState.Failed))
            throw new ArgumentException($"state must be success or failed, not {request.State.Name()}.", nameof(request));
        var dag = _dags.Get(request.DagId);
        if (dag.Definition.FindTask(request.TaskId) is null)
            throw new KeyNotFoundException($"DAG '{dag.DagId}' has no task '{request.TaskId}'.");
        var run = await _store.GetRunAsync(dag.DagId, request.RunId, cancellationToken)
            ?? throw new KeyNotFoundException($"DAG '{dag.DagId}' has no run '{request.RunId}'.");
        var tasks = new HashSet<string>(StringComparer.Ordinal) { request.TaskId };
        if (request.IncludeUpstream) tasks.UnionWith(DagGraph.UpstreamOf(dag.Definition, [request.TaskId]));
        if (request.IncludeDownstream) tasks.UnionWith(DagGraph.DownstreamOf(dag.Definition, [request.TaskId]));
        var chosen = (await _store.ListTaskInstancesAsync(run.Id, cancellationToken))
            .Where(t => tasks.Contains(t.TaskId) && t.State != request.State)
            .Where(t => request.MapIndexes.Count == 0 || t.TaskId != request.TaskId || request.MapIndexes.Contains(t.MapIndex))
            .ToList();
        var affected = chosen.Select(t => new AffectedTaskInstance(run.DagId, run.RunId, t.TaskId, t.State) { MapIndex = t.MapIndex }).ToList();
        if (request.DryRun || chosen.Count == 0) return affected;

        var now = _time.GetUtcNow();
        var outcome = new RunAdvancer.Outcome(0, null, []);
        var marked = new List<TaskInstanceRecord>();
        List<(string TaskId, int MapIndex)> cleared;
        DagRunState? reopened = null;
        await using (var tx = await _store.BeginRunTransactionAsync(run.Id, cancellationToken))
        {
            foreach (var ti in chosen)
            {
                if (!await tx.TransitionAsync(ti.TaskId, [ti.State], request.State, new TaskTransition(now) { Ends = true, MapIndex = ti.MapIndex }, cancellationToken))
                    continue;
                marked.Add(ti);
                // The mark is the outcome of the instance's latest try: the try history says so too.
                if (ti.TryNumber >= 1) await tx.RecordTryAsync(ti.TaskId, ti.MapIndex, ti.TryNumber, ti.WorkerId, cancellationToken);
            }
            cleared = await ClearFailedDownstreamAsync(tx, dag, request.TaskId, tasks, now, cancellationToken);
            if (tx.Run.State is DagRunState.Success or DagRunState.Failed)
            {
                // Cleared instances rerun, so the run waits for the scheduler like any cleared run.
                var to = cleared.Count > 0 ? DagRunState.Queued : DagRunState.Running;
                if (await tx.SetRunStateAsync(tx.Run.State, to, now, cancellationToken)) reopened = to;
            }
            if (reopened == DagRunState.Running || (reopened is null && tx.Run.State == DagRunState.Running))
                outcome = await RunAdvancer.EvaluateWaitingAsync(tx, _store, dag, now, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        if (reopened is { } state) _events.Raise(new DagRunChange(run.DagId, run.RunId, state));
        foreach (var ti in marked) _events.Raise(new TaskInstanceChange(run.DagId, run.RunId, ti.TaskId, request.State, 0, 0, null) { MapIndex = ti.MapIndex });
        foreach (var (taskId, mapIndex) in cleared) _events.Raise(new TaskInstanceChange(run.DagId, run.RunId, taskId, TaskInstanceState.None, 0, 0, null) { MapIndex = mapIndex });
        Announce(run, outcome);
        if (cleared.Count > 0) _wakeScheduler();
        if (outcome.RunFinished is { } final) await _callbacks.RunFinishedAsync(dag.Definition, run.RunId, final, CancellationToken.None);
        return affected;
    }

    // Airflow's set_task_instance_state: what failed because of the marked task gets another chance.
    private static async Task<List<(string TaskId, int MapIndex)>> ClearFailedDownstreamAsync(
        IRunTransaction tx, LoadedDag dag, string taskId, IReadOnlySet<string> marked, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cleared = new List<(string, int)>();
        var states = await RunStates.LoadAsync(tx, cancellationToken);
        foreach (var downstreamId in DagGraph.DownstreamOf(dag.Definition, [taskId]).Where(id => !marked.Contains(id)))
        {
            foreach (var instance in states.Instances(downstreamId))
            {
                if (instance.State is not (TaskInstanceState.Failed or TaskInstanceState.UpstreamFailed)) continue;
                if (await tx.TransitionAsync(downstreamId, [instance.State], TaskInstanceState.None, ClearTransition(dag, downstreamId, instance.MapIndex, now), cancellationToken))
                    cleared.Add((downstreamId, instance.MapIndex));
            }
        }
        return cleared;
    }

    /// <summary>
    /// A try cleared while it runs ends now: the try history keeps it as restarting (Airflow's state for
    /// it) before the instance is reset; its worker's result no longer counts. Returns the state to clear from.
    /// </summary>
    private static async Task<TaskInstanceState> EndRunningTryAsync(IRunTransaction tx, TaskInstanceRecord ti, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ti.State != TaskInstanceState.Running
            || !await tx.TransitionAsync(ti.TaskId, [TaskInstanceState.Running], TaskInstanceState.Restarting, new TaskTransition(now) { Ends = true, MapIndex = ti.MapIndex }, cancellationToken))
            return ti.State;
        await tx.RecordTryAsync(ti.TaskId, ti.MapIndex, ti.TryNumber, ti.WorkerId, cancellationToken);
        return TaskInstanceState.Restarting;
    }

    private static TaskTransition ClearTransition(LoadedDag dag, string taskId, int mapIndex, DateTimeOffset now) =>
        new(now) { Clears = true, TriesFromNow = (dag.Definition.FindTask(taskId)?.Retries ?? 0) + 1, MapIndex = mapIndex };

    private async Task ClearRunAsync(LoadedDag dag, DagRunRecord run, IReadOnlyList<TaskInstanceRecord> chosen, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var outcome = new RunAdvancer.Outcome(0, null, []);
        var cleared = new List<TaskInstanceRecord>();
        await using (var tx = await _store.BeginRunTransactionAsync(run.Id, cancellationToken))
        {
            foreach (var ti in chosen)
            {
                var from = await EndRunningTryAsync(tx, ti, now, cancellationToken);
                if (await tx.TransitionAsync(ti.TaskId, [from], TaskInstanceState.None, ClearTransition(dag, ti.TaskId, ti.MapIndex, now), cancellationToken))
                    cleared.Add(ti);
            }
            var reopened = tx.Run.State is DagRunState.Success or DagRunState.Failed
                && await tx.SetRunStateAsync(tx.Run.State, DagRunState.Queued, now, cancellationToken);
            if (!reopened && tx.Run.State == DagRunState.Running)
                outcome = await RunAdvancer.EvaluateWaitingAsync(tx, _store, dag, now, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            if (reopened) _events.Raise(new DagRunChange(run.DagId, run.RunId, DagRunState.Queued));
        }
        foreach (var ti in cleared) _events.Raise(new TaskInstanceChange(run.DagId, run.RunId, ti.TaskId, TaskInstanceState.None, 0, 0, null) { MapIndex = ti.MapIndex });
        Announce(run, outcome);
        _wakeScheduler();
        if (outcome.RunFinished is { } final) await _callbacks.RunFinishedAsync(dag.Definition, run.RunId, final, CancellationToken.None);
    }

    private void Announce(DagRunRecord run, RunAdvancer.Outcome outcome)
    {
        foreach (var change in outcome.Changed) _events.Raise(change.ToEvent(run.DagId, run.RunId));
        if (outcome.RunFinished is { } final) _events.Raise(new DagRunChange(run.DagId, run.RunId, final));
        if (outcome.Queued > 0) _wakeWorkers();
    }

    private static HashSet<string> SelectTasks(LoadedDag dag, ClearRequest request)
    {
        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in request.TaskIds)
        {
            if (dag.Definition.FindTask(id) is null) throw new KeyNotFoundException($"DAG '{dag.DagId}' has no task '{id}'.");
            selected.Add(id);
        }
        if (!string.IsNullOrEmpty(request.TaskRegex))
        {
            Regex regex;
            try
            {
                regex = new Regex(request.TaskRegex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"task_regex '{request.TaskRegex}' is not a valid regular expression: {e.Message}", nameof(request), e);
            }
            selected.UnionWith(dag.Definition.Tasks.Select(t => t.TaskId).Where(id => regex.IsMatch(id)));
        }
        else if (request.TaskIds.Count == 0)
        {
            selected.UnionWith(dag.Definition.Tasks.Select(t => t.TaskId));
        }
        var roots = selected.ToArray();
        if (request.IncludeUpstream) selected.UnionWith(DagGraph.UpstreamOf(dag.Definition, roots));
        if (request.IncludeDownstream) selected.UnionWith(DagGraph.DownstreamOf(dag.Definition, roots));
        return selected;
    }

    private async Task<IReadOnlyList<DagRunRecord>> SelectRunsAsync(LoadedDag dag, ClearRequest request, CancellationToken cancellationToken)
    {
        if (request.RunId is { Length: > 0 } runId)
        {
            return [await _store.GetRunAsync(dag.DagId, runId, cancellationToken)
                ?? throw new KeyNotFoundException($"DAG '{dag.DagId}' has no run '{runId}'.")];
        }
        if (request.StartDate > request.EndDate)
            throw new ArgumentException("start_date is after end_date.", nameof(request));
        return (await _store.ListRunsAsync(dag.DagId, null, int.MaxValue, cancellationToken))
            .Where(r => request.StartDate is not { } start || r.LogicalDate >= start)
            .Where(r => request.EndDate is not { } end || r.LogicalDate <= end)
            .ToList();
    }
}
