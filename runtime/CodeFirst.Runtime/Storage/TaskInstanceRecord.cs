using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>One task instance as stored; <see cref="MapIndex"/> is -1 unless it is an expanded instance of a mapped task.</summary>
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
    string? WorkerId,
    int MapIndex = -1);
