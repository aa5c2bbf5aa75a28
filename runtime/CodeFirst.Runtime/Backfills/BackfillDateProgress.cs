using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Backfills;

/// <summary>One stored date of a backfill with the run it got (null while pending, or when skipped without one).</summary>
public sealed record BackfillDateProgress(BackfillDateRecord Date, DagRunRecord? Run);
