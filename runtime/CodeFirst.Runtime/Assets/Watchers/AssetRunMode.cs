namespace CodeFirst.Watchers;

/// <summary>How DAGs scheduled on an asset turn its queued events into runs.</summary>
public enum AssetRunMode
{
    /// <summary>Airflow's rule: one run consumes every event queued since the last run, however many.</summary>
    Collapse,

    /// <summary>One run per event, consuming only that event (a watcher whose every message must be processed).</summary>
    PerEvent,
}
