namespace CodeFirst.Definitions;

/// <summary>One member of a DAG family: its id and the settings it lays over the class's.</summary>
public sealed record DagFamilyEntry(string DagId)
{
    /// <summary>Replaces the class's schedule when set.</summary>
    public string? Schedule { get; init; }

    /// <summary>Added to the class's tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Replaces the class's description when set.</summary>
    public string? Description { get; init; }

    /// <summary>A JSON object of params defaults (snake_case names); null for none.</summary>
    public string? ParamsJson { get; init; }
}
