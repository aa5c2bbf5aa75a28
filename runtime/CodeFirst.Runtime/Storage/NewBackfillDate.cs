namespace CodeFirst.Runtime.Storage;

/// <summary>One date of a backfill; <see cref="ExistingRunId"/> names a finished run to clear instead of creating one.</summary>
public sealed record NewBackfillDate(DateTimeOffset LogicalDate, DateTimeOffset DataIntervalStart, DateTimeOffset DataIntervalEnd, string? ExistingRunId);
