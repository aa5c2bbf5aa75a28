namespace CodeFirst.Runtime.State;

/// <summary>The state of a DAG run, as in Airflow.</summary>
public enum DagRunState
{
    /// <summary>Created, waiting for a free slot under the DAG's MaxActiveRuns.</summary>
    Queued,
    /// <summary>Its task instances are being scheduled and executed.</summary>
    Running,
    /// <summary>Every leaf task succeeded or was skipped.</summary>
    Success,
    /// <summary>A leaf task failed or was upstream_failed.</summary>
    Failed,
}
