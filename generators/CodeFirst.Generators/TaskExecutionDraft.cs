using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

/// <summary>The execution settings of a task (or the DAG's defaults for them) while the parser reads them.</summary>
internal sealed class TaskExecutionDraft
{
    public bool? RetryExponentialBackoff { get; set; }
    public long? MaxRetryDelayTicks { get; set; }
    public long? ExecutionTimeoutTicks { get; set; }
    public string? Pool { get; set; }
    public int? PoolSlots { get; set; }
    public string? Queue { get; set; }
    public int? PriorityWeight { get; set; }
    public string? WeightRule { get; set; }
    public bool? DependsOnPast { get; set; }
    public bool? WaitForDownstream { get; set; }
    public bool IsSetup { get; set; }
    public bool IsTeardown { get; set; }
    public string? Kind { get; set; }
    public (string Name, LocationInfo? Location)? OnSuccess { get; set; }
    public (string Name, LocationInfo? Location)? OnFailure { get; set; }
    public (string Name, LocationInfo? Location)? OnRetry { get; set; }
    public CallbackSpec? OnSuccessSpec { get; set; }
    public CallbackSpec? OnFailureSpec { get; set; }
    public CallbackSpec? OnRetrySpec { get; set; }
    public SensorSpec? Sensor { get; set; }

    public TaskExecutionSpec ToSpec() => new(
        RetryExponentialBackoff, MaxRetryDelayTicks, ExecutionTimeoutTicks, Pool, PoolSlots, Queue, PriorityWeight, WeightRule, Kind,
        DependsOnPast, WaitForDownstream, IsSetup, IsTeardown, OnSuccessSpec, OnFailureSpec, OnRetrySpec) { Sensor = Sensor };
}
