using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>One finished try of a task instance (Airflow's task instance history): how it ended, when, and on which worker.</summary>
public sealed record TaskTryRecord(
    int TryNumber,
    TaskInstanceState State,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    string? WorkerId);
