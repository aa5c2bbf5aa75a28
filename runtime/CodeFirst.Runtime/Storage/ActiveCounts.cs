namespace CodeFirst.Runtime.Storage;

/// <summary>What is in flight right now: task instances waiting for or holding a slot, and triggers being run.</summary>
public sealed record ActiveCounts(IReadOnlyList<ActiveTaskCount> TaskInstances, int RunningTriggers);
