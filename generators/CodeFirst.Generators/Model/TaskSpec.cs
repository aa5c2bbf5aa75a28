namespace CodeFirst.Generators.Model;

/// <summary>One <c>[Task]</c> method, resolved against the other tasks of its DAG.</summary>
internal sealed record TaskSpec(
    string TaskId,
    string MethodName,
    string MethodIdentifier,
    bool IsStatic,
    bool IsAsync,
    TypeRef? ResultType,
    int? Retries,
    long? RetryDelayTicks,
    string? TriggerRule,
    EquatableArray<string> Upstream,
    EquatableArray<string> XComInputs,
    EquatableArray<ParameterSpec> Parameters,
    TaskExecutionSpec Execution)
{
    /// <summary>Asset URIs the task updates on success.</summary>
    public EquatableArray<string> Outlets { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The dotted path of the task's group; null outside groups.</summary>
    public string? Group { get; init; }

    /// <summary>The method's XML doc summary.</summary>
    public string? Doc { get; init; }

    /// <summary>The properties pushed as their own XCom keys (multiple outputs); empty when the task pushes none.</summary>
    public EquatableArray<OutputKeySpec> OutputKeys { get; init; } = EquatableArray<OutputKeySpec>.Empty;
    /// <summary>For a mapped task, the upstream task whose list it runs once per element of.</summary>
    public string? MapOver { get; init; }

    /// <summary>For a mapped task, its own limit on the number of instances; null for the engine's.</summary>
    public int? MaxMapLength { get; init; }
}
