namespace CodeFirst.Runtime.Backfills;

/// <summary>One logical date of a backfill, in run order, and what will happen to it.</summary>
public sealed record BackfillPlanDate(DateTimeOffset LogicalDate, DateTimeOffset DataIntervalStart, DateTimeOffset DataIntervalEnd, BackfillAction Action, string? ExistingRunId);
