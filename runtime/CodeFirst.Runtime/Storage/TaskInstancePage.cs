namespace CodeFirst.Runtime.Storage;

/// <summary>One page of task instances and how many match the query in all.</summary>
public sealed record TaskInstancePage(IReadOnlyList<TaskInstanceRecord> TaskInstances, int TotalCount);
