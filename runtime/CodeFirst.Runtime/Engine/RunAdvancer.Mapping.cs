using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Engine;

internal static partial class RunAdvancer
{
    /// <summary>
    /// Airflow's expansion of a mapped task once its upstream tasks let it run: one queued instance
    /// per element of the list it maps over. An empty list skips it (as Airflow does); a value that is
    /// not a list, or a list longer than the map limit, fails it with the reason in its log.
    /// True when it finished without running.
    /// </summary>
    private static async Task<bool> ExpandAsync(IRunTransaction tx, LoadedDag dag, TaskDefinition task, InstanceState unexpanded, RunStates states,
        DateTimeOffset now, Changes changes, CancellationToken cancellationToken)
    {
        var json = await tx.GetReturnValueAsync(task.MapOver!, cancellationToken);
        var count = MappedElement.Count(json);
        var limit = dag.MapLimit(task);
        var name = $"'{dag.DagId}.{task.TaskId}'";
        string? error = null;
        if (count is null)
            error = $"Task {name} maps over '{task.MapOver}', whose return value is {(json is null ? "missing (null or nothing)" : "not a list")}; a mapped task needs a list to map over.";
        else if (count > limit)
            error = $"Task {name} would expand into {count} instances (one per element of '{task.MapOver}'), more than the map limit of {limit} "
                + $"({(task.MaxMapLength is null ? "EngineOptions.MaxMapLength" : "its MaxMapLength")}). Return a shorter list or raise the limit.";
        if (error is not null || count == 0)
        {
            var to = error is null ? TaskInstanceState.Skipped : TaskInstanceState.Failed;
            if (!await MoveAsync(tx, task.TaskId, unexpanded, to, now, states, changes, cancellationToken, error)) return false;
            var line = error is null
                ? new LogLine(now, "Information", $"'{task.MapOver}' returned an empty list: nothing to map over, so the task is skipped.")
                : new LogLine(now, "Error", error);
            await tx.AppendLogAsync(task.TaskId, unexpanded.MapIndex, 0, [line], cancellationToken);
            return true;
        }
        if (!await tx.ExpandAsync(task.TaskId, count!.Value, now, cancellationToken)) return false;
        states.Expand(task.TaskId, count.Value);
        for (var i = 0; i < count; i++) changes.List.Add(new Change(task.TaskId, TaskInstanceState.Queued) { MapIndex = i });
        changes.Queued += count.Value;
        return false;
    }
}
