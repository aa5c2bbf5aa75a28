namespace CodeFirst;

/// <summary>Binds a parameter to the return value of the named upstream task (method name or task id).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class FromTaskAttribute(string task) : Attribute
{
    public string Task { get; } = task;
}
