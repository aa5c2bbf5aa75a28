namespace CodeFirst.Generators.Model;

/// <summary>One <c>[DagInstance]</c>, checked.</summary>
internal sealed record FamilyEntrySpec(string DagId, string? Schedule, EquatableArray<string> Tags, string? Description, string? ParamsJson);
