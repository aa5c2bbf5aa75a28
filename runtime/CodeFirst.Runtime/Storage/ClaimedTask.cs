namespace CodeFirst.Runtime.Storage;

/// <summary>A task instance a worker has just claimed (now running under its lease) with what it needs to run.</summary>
public sealed record ClaimedTask(
    long Id,
    long RunPk,
    string DagId,
    string RunId,
    string TaskId,
    int TryNumber,
    int MaxTries,
    DateTimeOffset LogicalDate,
    DateTimeOffset DataIntervalStart,
    DateTimeOffset DataIntervalEnd,
    string Conf)
{
    /// <summary>Why this instance can never run (an unknown pool, say): the worker fails the try with it instead of running the task.</summary>
    public string? Problem { get; init; }

    /// <summary>The fired trigger's event (JSON) when this try resumes a deferral; null otherwise.</summary>
    public string? TriggerEvent { get; init; }

    /// <summary>The instance's map index; -1 for a task that is not mapped.</summary>
    public int MapIndex { get; init; } = -1;
}
