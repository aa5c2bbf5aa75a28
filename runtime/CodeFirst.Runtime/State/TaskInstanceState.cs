namespace CodeFirst.Runtime.State;

/// <summary>The state of one task instance; the same states and meanings as Airflow's.</summary>
public enum TaskInstanceState
{
    /// <summary>Created with its run; its upstream tasks have not yet let it run.</summary>
    None,
    /// <summary>Its dependencies are met and it waits to be queued.</summary>
    Scheduled,
    /// <summary>Waiting in the queue for a worker to claim it.</summary>
    Queued,
    /// <summary>A worker is executing a try.</summary>
    Running,
    /// <summary>Finished without error.</summary>
    Success,
    /// <summary>Finished with an error and has no retries left.</summary>
    Failed,
    /// <summary>A try failed; it is queued again once its retry delay has passed.</summary>
    UpForRetry,
    /// <summary>A sensor in reschedule mode waiting for its next poke.</summary>
    UpForReschedule,
    /// <summary>Will not run because an upstream task failed.</summary>
    UpstreamFailed,
    /// <summary>Will not run: skipped by itself, a branch or its trigger rule.</summary>
    Skipped,
    /// <summary>Waiting on a trigger in the triggerer, holding no worker slot.</summary>
    Deferred,
    /// <summary>Its task no longer exists in the DAG.</summary>
    Removed,
    /// <summary>Cleared while running; it will run again.</summary>
    Restarting,
}
