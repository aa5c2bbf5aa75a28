using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Operations;

/// <summary>Airflow's "mark success / mark failed" on one task instance, optionally with its upstream or downstream.</summary>
public sealed record MarkRequest(string DagId, string RunId, string TaskId, TaskInstanceState State)
{
    public bool IncludeUpstream { get; init; }
    public bool IncludeDownstream { get; init; }
    public bool DryRun { get; init; }

    /// <summary>For a mapped task, only these map indices; empty marks every instance.</summary>
    public IReadOnlyList<int> MapIndexes { get; init; } = [];
}
