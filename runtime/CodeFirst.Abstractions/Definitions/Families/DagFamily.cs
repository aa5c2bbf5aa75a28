namespace CodeFirst.Definitions;

/// <summary>
/// A <c>[Dag]</c> class registered once per entry: entries declared in code (<c>[DagInstance]</c>) and those
/// of a JSON file read when the family is expanded at start-up (<c>[DagFamily]</c>). The generator emits one
/// per family class; <see cref="DagRegistry"/> expands it the first time the DAGs are listed.
/// </summary>
public sealed class DagFamily(string name, Func<DagFamilyEntry, DagDefinition> create)
{
    /// <summary>The <c>[Dag]</c> id of the class, used in error messages.</summary>
    public string Name { get; } = name;

    public IReadOnlyList<DagFamilyEntry> Entries { get; init; } = [];

    /// <summary>A JSON file of more entries; relative paths are resolved against <see cref="AppContext.BaseDirectory"/>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>One definition per entry, in declaration then file order.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or malformed, or two entries share a DAG id; the message says which.</exception>
    public IReadOnlyList<DagDefinition> Expand()
    {
        var entries = Entries.ToList();
        if (ConfigFile is not null) entries.AddRange(DagFamilyConfig.Read(Name, ConfigFile));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!seen.Add(entry.DagId))
                throw new InvalidOperationException($"DAG family '{Name}' has two entries with the DAG id '{entry.DagId}'; each entry needs its own id.");
        }
        return entries.Select(create).ToArray();
    }

    /// <summary>The class's tags followed by the entry's, without repeats.</summary>
    public static IReadOnlyList<string> Tags(IReadOnlyList<string> classTags, DagFamilyEntry entry) =>
        classTags.Concat(entry.Tags).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The params description with the entry's defaults laid over the type's.</summary>
    public static DagParams? Params(DagParams? parameters, DagFamilyEntry entry) =>
        DagFamilyParams.Apply(parameters, entry);
}
