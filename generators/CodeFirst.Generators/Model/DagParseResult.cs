namespace CodeFirst.Generators.Model;

/// <summary>
/// What the parser makes of one <c>[Dag]</c> class: a spec when code can be emitted for it, the
/// diagnostics it found, and its id for the compilation-wide duplicate check.
/// </summary>
internal sealed record DagParseResult(DagSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, DagIdentity? Identity)
{
    /// <summary>For a DAG family, the ids of its members declared in code: they join the duplicate check instead of the class's id.</summary>
    public EquatableArray<DagIdentity> FamilyIdentities { get; init; } = EquatableArray<DagIdentity>.Empty;
}
