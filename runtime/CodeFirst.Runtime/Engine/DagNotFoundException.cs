namespace CodeFirst.Runtime.Engine;

/// <summary>An unknown DAG id; the message lists the known ones.</summary>
public sealed class DagNotFoundException(string dagId, IEnumerable<string> known)
    : Exception($"DAG '{dagId}' not found. Known DAGs: {string.Join(", ", known.Order(StringComparer.Ordinal))}.")
{
    public string DagId { get; } = dagId;
}
