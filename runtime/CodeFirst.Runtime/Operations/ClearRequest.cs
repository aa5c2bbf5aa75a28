namespace CodeFirst.Runtime.Operations;

/// <summary>
/// Airflow's <c>tasks clear</c>: which task instances of which runs to reset so they run again.
/// Tasks are chosen by id (<see cref="TaskIds"/>) or regular expression (<see cref="TaskRegex"/>);
/// none of either means every task. Runs are chosen by <see cref="RunId"/> or by logical-date range.
/// </summary>
public sealed record ClearRequest(string DagId)
{
    public string? RunId { get; init; }
    public DateTimeOffset? StartDate { get; init; }
    public DateTimeOffset? EndDate { get; init; }
    public IReadOnlyList<string> TaskIds { get; init; } = [];
    public string? TaskRegex { get; init; }
    public bool IncludeUpstream { get; init; }
    public bool IncludeDownstream { get; init; }
    public bool OnlyFailed { get; init; }
    public bool OnlyRunning { get; init; }
    public bool DryRun { get; init; }

    /// <summary>Only these map indices of the tasks named in <see cref="TaskIds"/> (Airflow's <c>map_index</c> filter); their upstream and downstream tasks are cleared whole. Empty clears every instance.</summary>
    public IReadOnlyList<int> MapIndexes { get; init; } = [];
}
