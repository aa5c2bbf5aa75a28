namespace CodeFirst.Generators.Model;

/// <summary>A DAG family: the members declared in code and the JSON file of more, read at start-up.</summary>
internal sealed record FamilySpec(EquatableArray<FamilyEntrySpec> Entries, string? ConfigFile);
