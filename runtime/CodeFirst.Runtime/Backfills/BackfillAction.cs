namespace CodeFirst.Runtime.Backfills;

/// <summary>What a backfill does for one logical date.</summary>
public enum BackfillAction
{
    /// <summary>Creates a backfill run.</summary>
    Create,
    /// <summary>Clears the date's finished run so it runs again (reprocess failed/completed).</summary>
    Clear,
    /// <summary>Leaves the date alone: it has a run the reprocess behaviour keeps.</summary>
    Skip,
}
