namespace CodeFirst.Generators;

/// <summary>The <c>Default*</c> values of a <c>[Dag]</c> attribute (Airflow's default_args); unset ones stay null.</summary>
internal sealed class TaskDefaults
{
    public int? Retries { get; set; }
    public long? RetryDelayTicks { get; set; }
    public string? TriggerRule { get; set; }
    public TaskExecutionDraft Execution { get; } = new();
}
