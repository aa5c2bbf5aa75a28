namespace CodeFirst.Runtime.Storage;

/// <summary>What a backfill does with dates that already have a run (Airflow 3's <c>--reprocess-behavior</c>).</summary>
public enum ReprocessBehavior
{
    /// <summary>Skip every date that already has a run.</summary>
    None,
    /// <summary>Rerun dates whose run failed; skip the others that have a run.</summary>
    Failed,
    /// <summary>Rerun every date whose run finished (failed or succeeded).</summary>
    Completed,
}
