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

    /// <summary>The class's XML doc summary.</summary>
    public string? Doc { get; init; }

    /// <summary>Set when the class is a DAG family: the emitter writes a factory instead of one Definition.</summary>
    public FamilySpec? Family { get; init; }
}
