using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// Decides, inside the transaction that recorded a change, which downstream task instances are
/// now ready (queued), skipped or upstream_failed, and whether the run is over. This is why a
/// chain advances without waiting for a scheduler loop.
/// </summary>
internal static partial class RunAdvancer
{
    public sealed record Outcome(int Queued, DagRunState? RunFinished, IReadOnlyList<(string TaskId, TaskInstanceState State)> Changed);

    /// <param name="skip">Task ids a branch or short circuit skips: they become skipped before anything else is decided.</param>
    public static async Task<Outcome> AdvanceAsync(IRunTransaction tx, DagDefinition dag, IEnumerable<string> changedTasks, DateTimeOffset now, CancellationToken cancellationToken,
        IReadOnlyCollection<string>? skip = null)
    {
        var changedIds = changedTasks as IReadOnlyCollection<string> ?? [.. changedTasks];
        // Nothing downstream to decide: the run's states matter only once none is left unfinished (wide DAGs: O(1) per task, not O(tasks)).
        if ((skip is null || skip.Count == 0) && changedIds.All(t => dag.Downstream(t).Count == 0)
            && await tx.CountUnfinishedAsync(cancellationToken) > 0)
            return new Outcome(0, null, []);
        var states = new Dictionary<string, TaskInstanceState>(await tx.GetTaskStatesAsync(cancellationToken), StringComparer.Ordinal);
        var pending = new Queue<string>(changedIds);
        var changed = new List<(string, TaskInstanceState)>();
        var queued = 0;
        foreach (var taskId in skip ?? [])
        {
            if (!states.TryGetValue(taskId, out var current) || current is not (TaskInstanceState.None or TaskInstanceState.Scheduled)) continue;
            if (!await tx.TransitionAsync(taskId, [current], TaskInstanceState.Skipped, new TaskTransition(now) { Ends = true }, cancellationToken)) continue;
            states[taskId] = TaskInstanceState.Skipped;
            changed.Add((taskId, TaskInstanceState.Skipped));
            pending.Enqueue(taskId);
        }
        while (pending.TryDequeue(out var taskId))
        {
            foreach (var downstreamId in dag.Downstream(taskId))
            {
                if (!states.TryGetValue(downstreamId, out var current) || current is not (TaskInstanceState.None or TaskInstanceState.Scheduled))
                    continue;
                var downstream = dag.GetTask(downstreamId);
                if (await DecideAsync(tx, dag, downstream, states, cancellationToken) is not { } to) continue;
                var details = new TaskTransition(now) { Ends = to != TaskInstanceState.Queued };
                if (!await tx.TransitionAsync(downstreamId, [current], to, details, cancellationToken)) continue;
                states[downstreamId] = to;
                changed.Add((downstreamId, to));
                if (to == TaskInstanceState.Queued) queued++;
                else pending.Enqueue(downstreamId);
            }
        }
        var finished = await CompleteIfDoneAsync(tx, dag, states, now, cancellationToken);
        return new Outcome(queued, finished, changed);
    }

    /// <summary>
    /// Decides every waiting (<c>none</c>) task instance of a run from its upstream states, in
    /// topological order: the roots of a run that just started, what a clear reset, or instances
    /// that waited for the previous run (depends_on_past).
    /// </summary>
    public static async Task<Outcome> EvaluateWaitingAsync(IRunTransaction tx, LoadedDag dag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, TaskInstanceState>(await tx.GetTaskStatesAsync(cancellationToken), StringComparer.Ordinal);
        var changed = new List<(string, TaskInstanceState)>();
        var toQueue = new List<string>();
        foreach (var taskId in dag.TopologicalOrder)
        {
            if (states.GetValueOrDefault(taskId, TaskInstanceState.Removed) is not TaskInstanceState.None) continue;
            var task = dag.Definition.GetTask(taskId);
            if (await DecideAsync(tx, dag.Definition, task, states, cancellationToken) is not { } to) continue;
            if (to == TaskInstanceState.Queued)
            {
                // Queued decides nothing downstream (it is not finished), so the roots of a wide run are queued in one statement below.
                states[taskId] = to;
                toQueue.Add(taskId);
                continue;
            }
            if (!await tx.TransitionAsync(taskId, [TaskInstanceState.None], to, new TaskTransition(now) { Ends = true }, cancellationToken))
                continue;
            states[taskId] = to;
            changed.Add((taskId, to));
        }
        var queued = await tx.TransitionManyAsync(toQueue, TaskInstanceState.None, TaskInstanceState.Queued, new TaskTransition(now), cancellationToken);
        var movedIds = queued.ToHashSet(StringComparer.Ordinal);
        changed.AddRange(toQueue.Where(movedIds.Contains).Select(id => (id, TaskInstanceState.Queued)));
        var finished = await CompleteIfDoneAsync(tx, dag.Definition, states, now, cancellationToken);
        return new Outcome(queued.Count, finished, changed);
    }

    private static async Task<TaskInstanceState?> DecideAsync(IRunTransaction tx, DagDefinition dag, TaskDefinition task, IReadOnlyDictionary<string, TaskInstanceState> states, CancellationToken cancellationToken)
    {
        var upstream = task.Upstream.Select(u => states.GetValueOrDefault(u, TaskInstanceState.None));
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
}
