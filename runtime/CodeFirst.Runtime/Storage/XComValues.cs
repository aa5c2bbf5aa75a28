namespace CodeFirst.Runtime.Storage;

/// <summary>Turns the XCom rows of one task and key (one per instance) into the value a reader sees.</summary>
internal static class XComValues
{
    /// <summary>
    /// An unmapped task's single value as it is; a mapped task's values (map index 0 and up, in
    /// order; instances that stored none are left out, as Airflow's lazy sequence does) as one JSON array.
    /// </summary>
    public static string? Assemble(IReadOnlyList<(int MapIndex, string Value)> rows)
    {
        if (rows.Count == 0) return null;
        if (rows.Count == 1 && rows[0].MapIndex < 0) return rows[0].Value;
        return Definitions.MappedElement.Join(rows.Where(r => r.MapIndex >= 0).OrderBy(r => r.MapIndex).Select(r => r.Value));
    }

    /// <summary><see cref="Assemble"/> for rows of several tasks, by task id.</summary>
    public static IReadOnlyDictionary<string, string> AssembleByTask(IEnumerable<(string TaskId, int MapIndex, string Value)> rows) =>
        rows.GroupBy(r => r.TaskId, StringComparer.Ordinal)
            .Select(g => (g.Key, Value: Assemble(g.Select(r => (r.MapIndex, r.Value)).ToList())))
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
}
