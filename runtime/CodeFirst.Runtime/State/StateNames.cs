namespace CodeFirst.Runtime.State;

/// <summary>Airflow's lower-case state names, used in storage, the CLI and the control plane.</summary>
public static class StateNames
{
    private static readonly Dictionary<TaskInstanceState, string> TaskNames = new()
    {
        [TaskInstanceState.None] = "none",
        [TaskInstanceState.Scheduled] = "scheduled",
        [TaskInstanceState.Queued] = "queued",
        [TaskInstanceState.Running] = "running",
        [TaskInstanceState.Success] = "success",
        [TaskInstanceState.Failed] = "failed",
        [TaskInstanceState.UpForRetry] = "up_for_retry",
        [TaskInstanceState.UpForReschedule] = "up_for_reschedule",
        [TaskInstanceState.UpstreamFailed] = "upstream_failed",
        [TaskInstanceState.Skipped] = "skipped",
        [TaskInstanceState.Deferred] = "deferred",
        [TaskInstanceState.Removed] = "removed",
        [TaskInstanceState.Restarting] = "restarting",
    };

    private static readonly Dictionary<string, TaskInstanceState> TaskStates =
        TaskNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(this TaskInstanceState state) => TaskNames[state];

    public static string Name(this DagRunState state) => state.ToString().ToLowerInvariant();

    public static TaskInstanceState ParseTaskState(string name) =>
        TaskStates.TryGetValue(name, out var state) ? state : throw new FormatException($"Unknown task instance state '{name}'.");

    public static DagRunState ParseRunState(string name) => name switch
    {
        "queued" => DagRunState.Queued,
        "running" => DagRunState.Running,
        "success" => DagRunState.Success,
        "failed" => DagRunState.Failed,
        _ => throw new FormatException($"Unknown dag run state '{name}'."),
    };

    /// <summary>States after which a task instance will not run again unless cleared.</summary>
    public static bool IsFinished(this TaskInstanceState state) => state is
        TaskInstanceState.Success or TaskInstanceState.Failed or TaskInstanceState.Skipped
        or TaskInstanceState.UpstreamFailed or TaskInstanceState.Removed;
}
