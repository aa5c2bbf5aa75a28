using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>A filtered page of runs: null/empty filters match everything; logical-date bounds are inclusive.</summary>
public sealed record DagRunQuery
{
    public string? DagId { get; init; }
    public IReadOnlyList<DagRunState> States { get; init; } = [];
    public IReadOnlyList<DagRunType> RunTypes { get; init; } = [];
    public DateTimeOffset? LogicalDateFrom { get; init; }
    public DateTimeOffset? LogicalDateTo { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 100;
}
