namespace CodeFirst.Generators.Model;

/// <summary>One line of the assembly's DAG registry.</summary>
internal sealed record RegistryEntry(string DagId, string FullyQualifiedName, bool IsFamily = false);
