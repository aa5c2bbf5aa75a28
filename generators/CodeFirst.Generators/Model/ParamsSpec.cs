namespace CodeFirst.Generators.Model;

/// <summary>A DAG's params type (<c>[Dag(Params = typeof(T))]</c>) reduced to values.</summary>
internal sealed record ParamsSpec(string TypeName, EquatableArray<ParamSpec> Properties);
