namespace CodeFirst.Definitions;

/// <summary>
/// Every DAG the loaded assemblies declared. Generated code registers each assembly's DAGs from
/// a module initializer; code that builds DAGs at start-up may add more.
/// </summary>
public static class DagRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, DagDefinition> Dags = new(StringComparer.Ordinal);
    private static readonly List<DagFamily> Families = [];

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

    /// <summary>A family is expanded (and its file read) the first time <see cref="All"/> is read, not when its assembly loads.</summary>
    public static void RegisterFamily(DagFamily family)
    {
        lock (Gate) Families.Add(family);
    }

    /// <exception cref="InvalidOperationException">A family's file cannot be read, or two DAGs share an id.</exception>
    public static IReadOnlyList<DagDefinition> All
    {
        get
        {
            lock (Gate)
            {
                while (Families.Count > 0)
                {
                    var family = Families[0];
                    Register(family.Expand());
                    Families.RemoveAt(0);
                }
                return Dags.Values.OrderBy(d => d.DagId, StringComparer.Ordinal).ToArray();
            }
        }
    }
}
