namespace CodeFirst.Generators.Model;

/// <summary>A task's execution settings (after the DAG's defaults); null means the runtime default.</summary>
internal sealed record TaskExecutionSpec(
    bool? RetryExponentialBackoff,
    long? MaxRetryDelayTicks,
    long? ExecutionTimeoutTicks,
    string? Pool,
    int? PoolSlots,
    string? Queue,
    int? PriorityWeight,
    string? WeightRule,
    string? Kind,
    bool? DependsOnPast,
    bool? WaitForDownstream,
    bool IsSetup,
    bool IsTeardown,
    CallbackSpec? OnSuccess,
    CallbackSpec? OnFailure,
    CallbackSpec? OnRetry)
{
    /// <summary>How a <c>[Sensor]</c> is poked; null for other tasks.</summary>
    public SensorSpec? Sensor { get; init; }
}
