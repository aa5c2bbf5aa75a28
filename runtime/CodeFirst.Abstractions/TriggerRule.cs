namespace CodeFirst;

/// <summary>When a task may run given its upstream tasks' states; the same rules and names as Airflow.</summary>
public enum TriggerRule
{
    /// <summary>All upstream tasks succeeded (the default).</summary>
    AllSuccess,
    /// <summary>All upstream tasks failed or are upstream_failed.</summary>
    AllFailed,
    /// <summary>All upstream tasks are done, whatever their state.</summary>
    AllDone,
    /// <summary>All upstream tasks are done and at least one succeeded.</summary>
    AllDoneMinOneSuccess,
    /// <summary>All upstream tasks were skipped.</summary>
    AllSkipped,
    /// <summary>At least one upstream task succeeded; does not wait for the rest.</summary>
    OneSuccess,
    /// <summary>At least one upstream task failed; does not wait for the rest.</summary>
    OneFailed,
    /// <summary>At least one upstream task succeeded or failed.</summary>
    OneDone,
    /// <summary>No upstream task failed or is upstream_failed.</summary>
    NoneFailed,
    /// <summary>No upstream task failed and at least one succeeded.</summary>
    NoneFailedMinOneSuccess,
    /// <summary>No upstream task was skipped.</summary>
    NoneSkipped,
    /// <summary>Run whatever the upstream states.</summary>
    Always,
}
