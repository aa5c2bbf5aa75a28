namespace CodeFirst;

/// <summary>
/// One member of a DAG family declared in code: the <see cref="DagAttribute"/> class is registered once
/// per <c>[DagInstance]</c>, with this DAG id instead of its own, and these settings over the class's.
/// The generator checks every entry (ids, schedules, params) at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DagInstanceAttribute(string dagId) : Attribute
{
    public string DagId { get; } = dagId;

    /// <summary>Replaces the class's schedule; unset keeps it.</summary>
    public string? Schedule { get; set; }

    /// <summary>Added to the class's tags.</summary>
    public string[] Tags { get; set; } = [];

    /// <summary>Replaces the class's description; unset keeps it.</summary>
    public string? Description { get; set; }

    /// <summary>A JSON object of default params for this member (snake_case names, as in a conf); needs <c>[Dag(Params = typeof(T))]</c>.</summary>
    public string? Params { get; set; }
}
