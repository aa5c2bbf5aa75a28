using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>One task instance as stored.</summary>
public sealed record TaskInstanceRecord(
    long Id,
    long RunPk,
    string DagId,
    string RunId,
    string TaskId,
    TaskInstanceState State,
    int TryNumber,
    int MaxTries,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    string? WorkerId);
