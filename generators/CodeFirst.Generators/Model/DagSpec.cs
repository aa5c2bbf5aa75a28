namespace CodeFirst.Generators.Model;

/// <summary>Everything the emitter needs to write one DAG's <c>Definition</c>; values only, so it caches.</summary>
internal sealed record DagSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string TypeKeyword,
    string ClassName,
    string FullyQualifiedName,
    string HintName,
    string DagId,
    string? Schedule,
    DateTime? StartDate,
    DateTime? EndDate,
    string? Timezone,
    bool Catchup,
    int MaxActiveRuns,
    EquatableArray<string> Tags,
    string? Description,
    EquatableArray<ParameterSpec> ConstructorParameters,
    EquatableArray<TaskSpec> Tasks,
    DagExecutionSpec Execution)
{
    public bool IsPausedUponCreation { get; init; }
    public long? DagRunTimeoutTicks { get; init; }
    public ParamsSpec? Params { get; init; }
}
