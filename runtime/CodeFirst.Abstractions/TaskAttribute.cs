namespace CodeFirst;

/// <summary>
/// Marks a method of a <see cref="DagAttribute"/> class as a task. Parameters named after an
/// upstream task (or marked <see cref="FromTaskAttribute"/>) receive that task's return value
/// through XCom; <see cref="TaskContext"/>, <see cref="CancellationToken"/>,
/// <c>ILogger</c> and services from DI are injected.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public class TaskAttribute : Attribute
{
    /// <summary>The task id; defaults to the method name in snake_case.</summary>
    public string? Id { get; set; }

    /// <summary>Upstream tasks (method names or task ids) this task runs after without consuming their output.</summary>
    public string[] After { get; set; } = [];

    /// <summary>How many times a failed try is retried before the task fails.</summary>
    public int Retries { get; set; }

    /// <summary>Delay between tries as a <see cref="TimeSpan"/> string; Airflow's default is five minutes.</summary>
    public string? RetryDelay { get; set; }

    public TriggerRule TriggerRule { get; set; } = TriggerRule.AllSuccess;

    /// <summary>When true the delay doubles with every try (with jitter, as Airflow's <c>retry_exponential_backoff</c>).</summary>
    public bool RetryExponentialBackoff { get; set; }

    /// <summary>The longest delay exponential backoff may reach, as a <see cref="TimeSpan"/> string.</summary>
    public string? MaxRetryDelay { get; set; }

    /// <summary>How long a try may run before its token is cancelled and the try fails with a <see cref="TimeoutException"/>.</summary>
    public string? ExecutionTimeout { get; set; }

    /// <summary>The pool whose slots the task occupies while running; <c>default_pool</c> when unset.</summary>
    public string? Pool { get; set; }

    /// <summary>How many slots of <see cref="Pool"/> one running try occupies (default 1).</summary>
    public int PoolSlots { get; set; } = 1;

    /// <summary>The queue workers take the task from; only workers serving this queue run it (default <c>default</c>).</summary>
    public string? Queue { get; set; }

    /// <summary>The task's own priority; combined with others' per <see cref="WeightRule"/> (default 1).</summary>
    public int PriorityWeight { get; set; } = 1;

    public WeightRule WeightRule { get; set; } = WeightRule.Downstream;

    /// <summary>Runs only when the same task succeeded or was skipped in the previous run (by logical date).</summary>
    public bool DependsOnPast { get; set; }

    /// <summary>Like <see cref="DependsOnPast"/>, and also waits for that previous instance's direct downstream tasks.</summary>
    public bool WaitForDownstream { get; set; }

    /// <summary>A setup task: its teardowns run when it succeeded, even if the work between failed.</summary>
    public bool Setup { get; set; }

    /// <summary>A teardown task: runs once its setups succeeded and everything upstream is done; its failure does not fail the run.</summary>
    public bool Teardown { get; set; }

    /// <summary>Name of a method of the DAG class called after the task succeeded: <c>(TaskContext)</c> or <c>(CallbackContext)</c>, optionally with a CancellationToken, sync or async.</summary>
    public string? OnSuccess { get; set; }

    /// <summary>Like <see cref="OnSuccess"/>, called after the task failed for good.</summary>
    public string? OnFailure { get; set; }

    /// <summary>Like <see cref="OnSuccess"/>, called after a try failed and the task was put up for retry.</summary>
    public string? OnRetry { get; set; }
    /// <summary>Asset URIs this task updates: each success records an asset event that asset-scheduled DAGs react to.</summary>
    public string[] Outlets { get; set; } = [];

    /// <summary>
    /// The task group this task belongs to (a dotted path for nested groups, e.g. <c>"ingestion"</c> or
    /// <c>"ingestion.files"</c>); the task id is prefixed with it. Group-level dependencies are declared
    /// with <see cref="TaskGroupAttribute"/> on the DAG class.
    /// </summary>
    public string? Group { get; set; }

    /// <summary>
    /// Pushes each public property of the returned object as its own XCom key (besides <c>return_value</c>),
    /// as Airflow's <c>multiple_outputs</c>. Implied when a downstream parameter binds with <see cref="FromTaskAttribute.Key"/>.
    /// </summary>
    public bool MultipleOutputs { get; set; }

    /// <summary>
    /// For a task with a <see cref="MapAttribute"/> parameter: the most instances it may expand into;
    /// 0 (the default) uses the engine's limit (1024 unless configured, as Airflow's <c>max_map_length</c>).
    /// </summary>
    public int MaxMapLength { get; set; }
}
