namespace CodeFirst.Runtime.Storage;

/// <summary>A DAG's row: what the scheduler keeps about it between loops.</summary>
public sealed record DagRecord(
    string DagId,
    bool IsPaused,
    DateTimeOffset? LastAutomatedIntervalStart,
    DateTimeOffset? LastAutomatedIntervalEnd);
