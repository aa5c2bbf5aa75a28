namespace CodeFirst;

/// <summary>
/// Makes the <see cref="DagAttribute"/> class a DAG family read from a JSON file at start-up: one DAG per
/// entry of the file's array (<c>dag_id</c>, and optionally <c>schedule</c>, <c>tags</c>,
/// <c>description</c>, <c>params</c>). A relative path is resolved against the application's base
/// directory. Combine with <see cref="DagInstanceAttribute"/> for members known at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DagFamilyAttribute(string configFile) : Attribute
{
    public string ConfigFile { get; } = configFile;
}
