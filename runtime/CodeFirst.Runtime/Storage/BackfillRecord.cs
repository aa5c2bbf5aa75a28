namespace CodeFirst.Runtime.Storage;

/// <summary>One stored backfill.</summary>
public sealed record BackfillRecord(
    long Id,
    string DagId,
    DateTimeOffset From,
    DateTimeOffset To,
    ReprocessBehavior Reprocess,
    int MaxActiveRuns,
    bool RunBackwards,
    string Conf,
    BackfillState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
