namespace CodeFirst.Runtime.Storage;

/// <summary>A trigger claimed by a triggerer, with the deferred task instance it wakes.</summary>
public sealed record TriggerRecord(
    long Id, long TaskInstanceId, string DagId, string RunId, string TaskId, string Kind, string Arguments, DateTimeOffset CreatedAt, DateTimeOffset? TimeoutAt);
