using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// Decides, inside the transaction that recorded a change, which downstream task instances are
/// now ready (queued), skipped or upstream_failed, and whether the run is over. This is why a
/// chain advances without waiting for a scheduler loop.
/// </summary>
internal static class RunAdvancer
{
    public sealed record Outcome(int Queued, DagRunState? RunFinished, IReadOnlyList<(string TaskId, TaskInstanceState State)> Changed);

    public static async Task<Outcome> AdvanceAsync(IRunTransaction tx, DagDefinition dag, IEnumerable<string> changedTasks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, TaskInstanceState>(await tx.GetTaskStatesAsync(cancellationToken), StringComparer.Ordinal);
        var pending = new Queue<string>(changedTasks);
        var changed = new List<(string, TaskInstanceState)>();
        var queued = 0;
        while (pending.TryDequeue(out var taskId))
        {
            foreach (var downstreamId in dag.Downstream(taskId))
            {
                if (!states.TryGetValue(downstreamId, out var current) || current is not (TaskInstanceState.None or TaskInstanceState.Scheduled))
                    continue;
                var downstream = dag.GetTask(downstreamId);
                var counts = UpstreamCounts.Of(downstream.Upstream.Select(u => states.GetValueOrDefault(u, TaskInstanceState.None)));
                if (Target(downstream.TriggerRule, counts) is not { } to) continue;
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
    /// topological order: the roots of a run that just started, or what a clear reset.
    /// </summary>
    public static async Task<Outcome> EvaluateWaitingAsync(IRunTransaction tx, LoadedDag dag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, TaskInstanceState>(await tx.GetTaskStatesAsync(cancellationToken), StringComparer.Ordinal);
        var changed = new List<(string, TaskInstanceState)>();
        var queued = 0;
        foreach (var taskId in dag.TopologicalOrder)
        {
            if (states.GetValueOrDefault(taskId, TaskInstanceState.Removed) is not TaskInstanceState.None) continue;
            var task = dag.Definition.GetTask(taskId);
            var counts = UpstreamCounts.Of(task.Upstream.Select(u => states.GetValueOrDefault(u, TaskInstanceState.None)));
            if (Target(task.TriggerRule, counts) is not { } to) continue;
            if (!await tx.TransitionAsync(taskId, [TaskInstanceState.None], to, new TaskTransition(now) { Ends = to != TaskInstanceState.Queued }, cancellationToken))
                continue;
            states[taskId] = to;
            changed.Add((taskId, to));
            if (to == TaskInstanceState.Queued) queued++;
        }
        var finished = await CompleteIfDoneAsync(tx, dag.Definition, states, now, cancellationToken);
        return new Outcome(queued, finished, changed);
    }

    private static TaskInstanceState? Target(TriggerRule rule, UpstreamCounts counts) => TriggerRuleEvaluator.Evaluate(rule, counts) switch
    {
        TriggerDecision.Run => TaskInstanceState.Queued,
        TriggerDecision.Skip => TaskInstanceState.Skipped,
        TriggerDecision.UpstreamFailed => TaskInstanceState.UpstreamFailed,
        _ => null,
    };

    // Airflow: the run fails when a leaf failed or is upstream_failed, and succeeds when every leaf succeeded or was skipped.
    private static async Task<DagRunState?> CompleteIfDoneAsync(IRunTransaction tx, DagDefinition dag, IReadOnlyDictionary<string, TaskInstanceState> states, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (states.Values.Any(s => !s.IsFinished())) return null;
        var leafFailed = dag.Tasks
            .Where(t => dag.Downstream(t.TaskId).Count == 0)
            .Any(t => states.GetValueOrDefault(t.TaskId) is TaskInstanceState.Failed or TaskInstanceState.UpstreamFailed);
        var final = leafFailed ? DagRunState.Failed : DagRunState.Success;
        return await tx.SetRunStateAsync(DagRunState.Running, final, now, cancellationToken) ? final : null;
    }
}
