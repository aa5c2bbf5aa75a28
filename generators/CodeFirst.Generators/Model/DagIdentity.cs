namespace CodeFirst.Generators.Model;

/// <summary>A DAG id and where it is declared, collected over the compilation to find duplicates.</summary>
internal sealed record DagIdentity(string DagId, string ClassName, LocationInfo? Location);
