namespace CodeFirst.Generators.Model;

/// <summary>One property of a DAG's params type: the CLR name, the JSON kind and its default as JSON.</summary>
internal sealed record ParamSpec(string Name, string Kind, bool Nullable, bool HasDefault, string? DefaultJson);
