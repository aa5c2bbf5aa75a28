namespace CodeFirst;

/// <summary>
/// Binds a parameter to the return value of the named upstream task (method name or task id), or with
/// <see cref="Key"/> to one property of it, pushed as its own XCom key.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class FromTaskAttribute(string task) : Attribute
{
    public string Task { get; } = task;

    /// <summary>A property of the upstream's return type (e.g. <c>nameof(ExtractResult.Path)</c>); the parameter receives that XCom key.</summary>
    public string? Key { get; set; }
}
