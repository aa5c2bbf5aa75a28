namespace CodeFirst.Runtime.Storage;

/// <summary>One date of a backfill and what became of it.</summary>
public sealed record BackfillDateRecord(
    long BackfillId,
    int SortOrdinal,
    DateTimeOffset LogicalDate,
    DateTimeOffset DataIntervalStart,
    DateTimeOffset DataIntervalEnd,
    string? ExistingRunId,
    long? RunPk,
    BackfillDateState State);
