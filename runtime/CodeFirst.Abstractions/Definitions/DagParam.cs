namespace CodeFirst.Definitions;

/// <summary>One property of a params type.</summary>
/// <param name="Name">The CLR property name.</param>
/// <param name="Kind">The JSON kind a conf value must have.</param>
/// <param name="Nullable">Whether <c>null</c> is accepted.</param>
/// <param name="HasDefault">Whether the type gives a default, so the conf may leave it out.</param>
/// <param name="DefaultJson">The default as JSON when the generator could read it as a constant.</param>
public sealed record DagParam(string Name, DagParamKind Kind, bool Nullable, bool HasDefault, string? DefaultJson)
{
    /// <summary>Neither nullable nor defaulted: a conf must give it.</summary>
    public bool Required => !Nullable && !HasDefault;
}
