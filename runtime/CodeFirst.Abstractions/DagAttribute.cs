namespace CodeFirst;

/// <summary>
/// Marks a <c>partial</c> class as a DAG. Its <see cref="TaskAttribute"/> methods are its tasks;
/// the source generator turns the class into a <see cref="Definitions.DagDefinition"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DagAttribute(string dagId) : Attribute
{
    public string DagId { get; } = dagId;

    /// <summary>
    /// A 5-field cron expression, a preset (<c>@once @hourly @daily @weekly @monthly @quarterly
    /// @yearly @continuous</c>), a <see cref="TimeSpan"/> string such as <c>"01:00:00"</c>, an asset
    /// condition such as <c>"asset:s3://lake/orders &amp; (asset:a | asset:b)"</c> (a run once the
    /// condition holds over the assets updated since the last run), or <c>null</c> for manual runs only.
    /// </summary>
    public string? Schedule { get; set; }

    /// <summary>Date (<c>yyyy-MM-dd</c>) or date-time (<c>yyyy-MM-ddTHH:mm[:ss]</c>) in the DAG's time zone.</summary>
    public string? StartDate { get; set; }

    /// <summary>No scheduled run has a logical date after this (same format as <see cref="StartDate"/>).</summary>
    public string? EndDate { get; set; }

    /// <summary>IANA time zone the schedule and dates are read in; UTC when unset.</summary>
    public string? Timezone { get; set; }

    /// <summary>When true the scheduler creates a run for every missed interval since the start date (Airflow 3 defaults to false).</summary>
    public bool Catchup { get; set; }

    /// <summary>How many runs of this DAG may be queued or running at once (Airflow's default is 16).</summary>
    public int MaxActiveRuns { get; set; } = 16;

    /// <summary>Whether the DAG starts paused the first time a database sees it (CodeFirst defaults to false).</summary>
    public bool IsPausedUponCreation { get; set; }

    /// <summary>
    /// A run still running this long (a <see cref="TimeSpan"/> string) after it started is failed by
    /// the scheduler and its unfinished task instances are skipped, as Airflow's <c>dagrun_timeout</c>.
    /// </summary>
    public string? DagRunTimeout { get; set; }

    /// <summary>How many task instances of this DAG may run at once, across its runs (Airflow's default is 16).</summary>
    public int MaxActiveTasks { get; set; } = 16;

    /// <summary>
    /// A class or record describing the run conf (Airflow's <c>params</c>): a trigger's conf is checked
    /// against it, its defaults are merged in, and tasks read it with <c>ctx.GetParams&lt;T&gt;()</c>.
    /// Properties are named in snake_case in the conf (<c>BatchSize</c> is <c>batch_size</c>).
    /// </summary>
    public Type? Params { get; set; }

    public string[] Tags { get; set; } = [];

    public string? Description { get; set; }

    /// <summary>Name of a method of this class called when a run succeeded: <c>(CallbackContext)</c>, optionally with a CancellationToken.</summary>
    public string? OnSuccess { get; set; }

    /// <summary>Like <see cref="OnSuccess"/>, called when a run failed.</summary>
    public string? OnFailure { get; set; }

    // Airflow's default_args: each applies to every task of the DAG that leaves the property unset.

    public int DefaultRetries { get; set; }
    public string? DefaultRetryDelay { get; set; }
    public bool DefaultRetryExponentialBackoff { get; set; }
    public string? DefaultMaxRetryDelay { get; set; }
    public string? DefaultExecutionTimeout { get; set; }
    public string? DefaultPool { get; set; }
    public int DefaultPoolSlots { get; set; } = 1;
    public string? DefaultQueue { get; set; }
    public int DefaultPriorityWeight { get; set; } = 1;
    public WeightRule DefaultWeightRule { get; set; } = WeightRule.Downstream;
    public TriggerRule DefaultTriggerRule { get; set; } = TriggerRule.AllSuccess;
    public bool DefaultDependsOnPast { get; set; }
    public bool DefaultWaitForDownstream { get; set; }
    public string? DefaultOnSuccess { get; set; }
    public string? DefaultOnFailure { get; set; }
    public string? DefaultOnRetry { get; set; }
}
