using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// Decides, inside the transaction that recorded a change, which downstream task instances are
/// now ready (queued), skipped or upstream_failed, and whether the run is over. This is why a
/// chain advances without waiting for a scheduler loop. A mapped task's instances count one by
/// one in its downstream tasks' trigger rules, as in Airflow.
/// </summary>
internal static partial class RunAdvancer
{
    public sealed record Outcome(int Queued, DagRunState? RunFinished, IReadOnlyList<Change> Changed);

    /// <summary>One instance the advance moved; <see cref="Error"/> says why when it failed without running.</summary>
    public sealed record Change(string TaskId, TaskInstanceState State)
    {
        public int MapIndex { get; init; } = -1;
        public string? Error { get; init; }

        public TaskInstanceChange ToEvent(string dagId, string runId) => new(dagId, runId, TaskId, State, 0, 0, Error) { MapIndex = MapIndex };
    }

    private static readonly TaskInstanceState[] Waiting = [TaskInstanceState.None, TaskInstanceState.Scheduled];
    private static readonly TaskInstanceState[] NotStarted = [TaskInstanceState.None];

    /// <param name="skip">Task ids a branch or short circuit skips: they become skipped before anything else is decided.</param>
    /// <param name="unfinished">The run's unfinished instances as of now, when the caller read them with its change.</param>
    public static async Task<Outcome> AdvanceAsync(IRunTransaction tx, LoadedDag dag, IEnumerable<string> changedTasks, DateTimeOffset now, CancellationToken cancellationToken,
        IReadOnlyCollection<string>? skip = null, int? unfinished = null)
    {
        var changedIds = changedTasks as IReadOnlyCollection<string> ?? [.. changedTasks];
        // Nothing downstream to decide: the run's states matter only once none is left unfinished (wide DAGs: O(1) per task, not O(tasks)).
        if ((skip is null || skip.Count == 0) && changedIds.All(t => dag.Definition.Downstream(t).Count == 0)
            && (unfinished ?? await tx.CountUnfinishedAsync(cancellationToken)) > 0)
            return new Outcome(0, null, []);
        var states = await RunStates.LoadAsync(tx, cancellationToken);
        var pending = new Queue<string>(changedIds);
        var changes = new Changes();
        foreach (var taskId in await SkipAsync(tx, skip ?? [], states, now, changes, cancellationToken))
            if (!pending.Contains(taskId)) pending.Enqueue(taskId);
        while (pending.TryDequeue(out var taskId))
        {
            foreach (var downstreamId in dag.Definition.Downstream(taskId))
            {
                if (await DecideAsync(tx, dag, dag.Definition.GetTask(downstreamId), Waiting, states, now, changes, cancellationToken))
                    pending.Enqueue(downstreamId);
            }
        }
        var finished = await CompleteIfDoneAsync(tx, dag.Definition, states, now, cancellationToken);
        return new Outcome(changes.Queued, finished, changes.List);
    }

    /// <summary>
    /// Decides every waiting (<c>none</c>) task instance of a run from its upstream states, in
    /// topological order: the roots of a run that just started, what a clear reset, or instances
    /// that waited for the previous run (depends_on_past). What finished branches and short circuits
    /// decided (<see cref="BranchDecisions"/>) is applied first, so a task they skipped stays skipped.
    /// </summary>
    /// <param name="known">The run's instances as this transaction just read them, when the caller has them.</param>
    public static async Task<Outcome> EvaluateWaitingAsync(IRunTransaction tx, ITaskRecords records, LoadedDag dag, DateTimeOffset now, CancellationToken cancellationToken,
        IReadOnlyList<InstanceState>? known = null)
    {
        var states = known is null ? await RunStates.LoadAsync(tx, cancellationToken) : RunStates.Of(known);
        var changes = new Changes();
        var decided = await BranchDecisions.RecordedSkipsAsync(records, dag.Definition, tx.Run.Id, taskId => states.Group(taskId), cancellationToken);
        await SkipAsync(tx, decided, states, now, changes, cancellationToken);
        var toQueue = new List<string>();
        foreach (var taskId in dag.TopologicalOrder)
        {
            var task = dag.Definition.GetTask(taskId);
            if (task.MapOver is null && states.Instances(taskId) is [{ MapIndex: -1, State: TaskInstanceState.None }])
            {
                // Queued decides nothing downstream (it is not finished), so the roots of a wide run are queued in one statement below.
                if (await TargetAsync(tx, dag.Definition, task, states, cancellationToken) is TaskInstanceState.Queued)
                {
                    states.Set(taskId, -1, TaskInstanceState.Queued);
                    toQueue.Add(taskId);
                    continue;
                }
            }
            await DecideAsync(tx, dag, task, NotStarted, states, now, changes, cancellationToken);
        }
        var moved = (await tx.TransitionManyAsync(toQueue, TaskInstanceState.None, TaskInstanceState.Queued, new TaskTransition(now), cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var taskId in toQueue.Where(moved.Contains))
        {
            changes.List.Add(new Change(taskId, TaskInstanceState.Queued));
            changes.Queued++;
        }
        var finished = await CompleteIfDoneAsync(tx, dag.Definition, states, now, cancellationToken);
        return new Outcome(changes.Queued, finished, changes.List);
    }

    // Skips the waiting instances of taskIds; returns the tasks it skipped an instance of.
    private static async Task<List<string>> SkipAsync(IRunTransaction tx, IEnumerable<string> taskIds, RunStates states, DateTimeOffset now, Changes changes,
        CancellationToken cancellationToken)
    {
        var skipped = new List<string>();
        foreach (var taskId in taskIds)
        {
            foreach (var instance in states.Instances(taskId).Where(i => Waiting.Contains(i.State)).ToList())
            {
                if (await MoveAsync(tx, taskId, instance, TaskInstanceState.Skipped, now, states, changes, cancellationToken) && !skipped.Contains(taskId))
                    skipped.Add(taskId);
            }
        }
        return skipped;
    }

    /// <summary>
    /// Decides the task's instances that wait in one of <paramref name="waiting"/>; a mapped task
    /// that is to run and has not expanded yet expands. True when an instance finished without
    /// running (skipped, upstream_failed, failed), so the task's own downstream tasks need deciding.
    /// </summary>
    private static async Task<bool> DecideAsync(IRunTransaction tx, LoadedDag dag, TaskDefinition task, TaskInstanceState[] waiting, RunStates states,
        DateTimeOffset now, Changes changes, CancellationToken cancellationToken)
    {
        var instances = states.Instances(task.TaskId).Where(i => waiting.Contains(i.State)).ToList();
        if (instances.Count == 0) return false;
        if (await TargetAsync(tx, dag.Definition, task, states, cancellationToken) is not { } to) return false;
        if (to == TaskInstanceState.Queued && task.MapOver is not null && !states.IsExpanded(task.TaskId))
            return await ExpandAsync(tx, dag, task, instances[0], states, now, changes, cancellationToken);
        var finished = false;
        foreach (var instance in instances)
            finished |= await MoveAsync(tx, task.TaskId, instance, to, now, states, changes, cancellationToken) && to != TaskInstanceState.Queued;
        return finished;
    }

    private static async Task<bool> MoveAsync(IRunTransaction tx, string taskId, InstanceState instance, TaskInstanceState to, DateTimeOffset now, RunStates states,
        Changes changes, CancellationToken cancellationToken, string? error = null)
    {
        var details = new TaskTransition(now) { Ends = to != TaskInstanceState.Queued, MapIndex = instance.MapIndex };
        if (!await tx.TransitionAsync(taskId, [instance.State], to, details, cancellationToken)) return false;
        states.Set(taskId, instance.MapIndex, to);
        changes.List.Add(new Change(taskId, to) { MapIndex = instance.MapIndex, Error = error });
        if (to == TaskInstanceState.Queued) changes.Queued++;
        return true;
    }

    private static async Task<TaskInstanceState?> TargetAsync(IRunTransaction tx, DagDefinition dag, TaskDefinition task, RunStates states, CancellationToken cancellationToken)
    {
        var upstream = task.Upstream.SelectMany(states.StatesOf);
        var to = task.IsTeardown ? TeardownTarget(dag, task, states) : Target(task.TriggerRule, UpstreamCounts.Of(upstream));
        if (to == TaskInstanceState.Queued && (task.DependsOnPast || task.WaitForDownstream) && !await PastAllowsAsync(tx, dag, task, cancellationToken))
            return null;
        return to;
    }

    private static TaskInstanceState? Target(TriggerRule rule, UpstreamCounts counts) => TriggerRuleEvaluator.Evaluate(rule, counts) switch
    {
        TriggerDecision.Run => TaskInstanceState.Queued,
        TriggerDecision.Skip => TaskInstanceState.Skipped,
        TriggerDecision.UpstreamFailed => TaskInstanceState.UpstreamFailed,
        _ => null,
    };

    private sealed class Changes
    {
        public List<Change> List { get; } = [];
        public int Queued { get; set; }
    }
}
