using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>
/// A filtered page of task instances across runs and DAGs (Airflow's <c>/dags/~/dagRuns/~/taskInstances</c>):
/// null/empty filters match everything; end-date bounds are inclusive.
/// </summary>
public sealed record TaskInstanceQuery
{
    public string? DagId { get; init; }
    public IReadOnlyList<TaskInstanceState> States { get; init; } = [];
    public DateTimeOffset? EndDateFrom { get; init; }
    public DateTimeOffset? EndDateTo { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 100;
}
