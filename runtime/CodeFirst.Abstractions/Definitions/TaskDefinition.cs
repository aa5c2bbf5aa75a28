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

    /// <summary>Fully qualified return type (after unwrapping Task/ValueTask), or null when the task returns nothing.</summary>
    public string? ReturnType { get; init; }

    public int Retries { get; init; }
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(5);
    public TriggerRule TriggerRule { get; init; } = TriggerRule.AllSuccess;

    /// <summary>Asset URIs a success of this task updates.</summary>
    public IReadOnlyList<string> Outlets { get; init; } = [];

    public required TaskInvoker Invoke { get; init; }
}
