namespace CodeFirst.Definitions;

/// <summary>
/// Every DAG the loaded assemblies declared. Generated code registers each assembly's DAGs from
/// a module initializer; code that builds DAGs at start-up may add more.
/// </summary>
public static class DagRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, DagDefinition> Dags = new(StringComparer.Ordinal);

    public static void Register(IEnumerable<DagDefinition> dags)
    {
        lock (Gate)
        {
            foreach (var dag in dags)
            {
                if (Dags.TryGetValue(dag.DagId, out var existing) && !ReferenceEquals(existing, dag))
                    throw new InvalidOperationException($"Two DAGs have the id '{dag.DagId}'; DAG ids must be unique in a process.");
                Dags[dag.DagId] = dag;
            }
        }
    }

    public static IReadOnlyList<DagDefinition> All
    {
        get
        {
            lock (Gate) return Dags.Values.OrderBy(d => d.DagId, StringComparer.Ordinal).ToArray();
        }
    }
}
