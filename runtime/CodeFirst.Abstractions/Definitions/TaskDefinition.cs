namespace CodeFirst.Definitions;

/// <summary>One task of a DAG, as the generator emits it.</summary>
public sealed class TaskDefinition
{
    public required string TaskId { get; init; }

    /// <summary>The C# method the task runs.</summary>
    public required string MethodName { get; init; }

    /// <summary>Every upstream task id (data and ordering edges), ordinal-sorted.</summary>
    public IReadOnlyList<string> Upstream { get; init; } = [];

    /// <summary>The upstream task ids whose return values this task consumes.</summary>
    public IReadOnlyList<string> XComInputs { get; init; } = [];

    /// <summary>Inputs bound to one key of an upstream's multiple outputs (<c>[FromTask(..., Key = ...)]</c>).</summary>
    public IReadOnlyList<XComKeyInput> XComKeyInputs { get; init; } = [];

    /// <summary>The XCom keys this task pushes besides <c>return_value</c> (its multiple outputs), ordinal-sorted.</summary>
    public IReadOnlyList<string> OutputKeys { get; init; } = [];

    /// <summary>The dotted path of the task group the task belongs to (its id starts with it); null outside groups.</summary>
    public string? Group { get; init; }

    /// <summary>The method's <c>/// &lt;summary&gt;</c>, whitespace collapsed; null when it has none.</summary>
    public string? Doc { get; init; }

    /// <summary>Fully qualified return type (after unwrapping Task/ValueTask), or null when the task returns nothing.</summary>
    public string? ReturnType { get; init; }

    public int Retries { get; init; }
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(5);
    public TriggerRule TriggerRule { get; init; } = TriggerRule.AllSuccess;

    /// <summary>Doubles the delay with every try (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public bool RetryExponentialBackoff { get; init; }
    public TimeSpan? MaxRetryDelay { get; init; }

    /// <summary>How long a try may run; null for no limit.</summary>
    public TimeSpan? ExecutionTimeout { get; init; }

    public string Pool { get; init; } = DefaultPool;
    public int PoolSlots { get; init; } = 1;
    public string Queue { get; init; } = DefaultQueue;
    public int PriorityWeight { get; init; } = 1;
    public WeightRule WeightRule { get; init; } = WeightRule.Downstream;
    public TaskKind Kind { get; init; } = TaskKind.Task;

    /// <summary>How a <see cref="TaskKind.Sensor"/> is poked; null for other kinds.</summary>
    public SensorSpec? Sensor { get; init; }
    public bool DependsOnPast { get; init; }
    public bool WaitForDownstream { get; init; }
    public bool IsSetup { get; init; }
    public bool IsTeardown { get; init; }

    public TaskCallback? OnSuccess { get; init; }
    public TaskCallback? OnFailure { get; init; }
    public TaskCallback? OnRetry { get; init; }

    /// <summary>Airflow's default pool: 128 slots unless changed.</summary>
    public const string DefaultPool = "default_pool";

    public const string DefaultQueue = "default";
    /// <summary>Asset URIs a success of this task updates.</summary>
    public IReadOnlyList<string> Outlets { get; init; } = [];

    /// <summary>For a mapped task, the upstream task whose returned list it runs once per element of; null otherwise.</summary>
    public string? MapOver { get; init; }

    /// <summary>For a mapped task, its own limit on the number of instances; null uses the engine's limit.</summary>
    public int? MaxMapLength { get; init; }

    public required TaskInvoker Invoke { get; init; }
}
