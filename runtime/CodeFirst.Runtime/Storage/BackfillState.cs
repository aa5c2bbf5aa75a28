namespace CodeFirst.Runtime.Storage;

/// <summary>A backfill's state.</summary>
public enum BackfillState
{
    /// <summary>The scheduler still creates or waits for its runs.</summary>
    Running,
    /// <summary>Every date got a run (or was skipped) and every run finished.</summary>
    Completed,
    /// <summary>Cancelled: no more runs are created and its queued runs were failed.</summary>
    Canceled,
}
