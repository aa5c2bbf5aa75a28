using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>Sums up the instances of mapped tasks, so code that thinks in tasks sees one state per task.</summary>
public static class InstanceStates
{
    public static IReadOnlyDictionary<string, TaskInstanceState> ByTask(IEnumerable<InstanceState> instances) =>
        instances.GroupBy(i => i.TaskId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => GroupState(g.Select(i => i.State)), StringComparer.Ordinal);

    /// <summary>
    /// One state for a group of instances: an unfinished one while any is unfinished (the earliest
    /// in the state machine), else failed, upstream_failed, success, skipped, removed in that order.
    /// </summary>
    public static TaskInstanceState GroupState(IEnumerable<TaskInstanceState> states)
    {
        var list = states.ToList();
        if (list.Count == 0) return TaskInstanceState.None;
        var unfinished = list.Where(s => !s.IsFinished()).ToList();
        if (unfinished.Count > 0) return unfinished.Min();
        foreach (var state in (TaskInstanceState[])[TaskInstanceState.Failed, TaskInstanceState.UpstreamFailed, TaskInstanceState.Success, TaskInstanceState.Skipped])
        {
            if (list.Contains(state)) return state;
        }
        return TaskInstanceState.Removed;
    }
}
