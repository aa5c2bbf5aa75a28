namespace CodeFirst;

/// <summary>
/// Marks a method of a <see cref="DagAttribute"/> class as a task. Parameters named after an
/// upstream task (or marked <see cref="FromTaskAttribute"/>) receive that task's return value
/// through XCom; <see cref="TaskContext"/>, <see cref="CancellationToken"/>,
/// <c>ILogger</c> and services from DI are injected.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class TaskAttribute : Attribute
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

    /// <summary>Asset URIs this task updates: each success records an asset event that asset-scheduled DAGs react to.</summary>
    public string[] Outlets { get; set; } = [];
}
