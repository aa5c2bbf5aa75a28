namespace CodeFirst.Runtime.Storage;

/// <summary>A backfill to create (Airflow 3's <c>backfill</c> table).</summary>
public sealed record NewBackfill(string DagId, DateTimeOffset From, DateTimeOffset To, ReprocessBehavior Reprocess, int MaxActiveRuns, bool RunBackwards, string Conf);
