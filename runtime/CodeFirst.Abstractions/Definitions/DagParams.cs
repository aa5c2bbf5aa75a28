namespace CodeFirst.Definitions;

/// <summary>
/// The params type of a DAG as the generator describes it: what a trigger's conf must look like.
/// Property names are the CLR names; the conf uses their snake_case form.
/// </summary>
public sealed class DagParams
{
    public required Type Type { get; init; }

    public required IReadOnlyList<DagParam> Properties { get; init; }
}
