namespace CodeFirst.Runtime.Storage;

/// <summary>What became of one date of a backfill.</summary>
public enum BackfillDateState
{
    /// <summary>Not yet given a run (waits for the backfill's max active runs).</summary>
    Pending,
    /// <summary>A backfill run was created for it.</summary>
    Created,
    /// <summary>Its existing finished run was cleared to run again (reprocess failed/completed).</summary>
    Cleared,
    /// <summary>Nothing to do: a run appeared for the date meanwhile, or the backfill was cancelled.</summary>
    Skipped,
}
