using CodeFirst.Definitions;

namespace CodeFirst.Runtime.Engine;

/// <summary>Graph walks over a DAG's edges.</summary>
public static class DagGraph
{
    /// <summary>Every task upstream of the given ones, transitively (a given task reachable from another given one is included).</summary>
    public static IReadOnlySet<string> UpstreamOf(DagDefinition dag, IEnumerable<string> taskIds) =>
        Walk(taskIds, id => dag.GetTask(id).Upstream);

    /// <summary>Every task downstream of the given ones, transitively (a given task reachable from another given one is included).</summary>
    public static IReadOnlySet<string> DownstreamOf(DagDefinition dag, IEnumerable<string> taskIds) =>
        Walk(taskIds, dag.Downstream);

    /// <summary>Task ids with every task after all of its upstream tasks; throws on a cycle.</summary>
    public static IReadOnlyList<string> TopologicalOrder(DagDefinition dag)
    {
        var remaining = dag.Tasks.ToDictionary(t => t.TaskId, t => t.Upstream.Count(u => dag.FindTask(u) is not null), StringComparer.Ordinal);
        var ready = new Queue<string>(dag.Tasks.Where(t => remaining[t.TaskId] == 0).Select(t => t.TaskId));
        var order = new List<string>(dag.Tasks.Count);
        while (ready.TryDequeue(out var id))
        {
            order.Add(id);
            foreach (var down in dag.Downstream(id))
            {
                if (remaining.ContainsKey(down) && --remaining[down] == 0) ready.Enqueue(down);
            }
        }
        if (order.Count != dag.Tasks.Count)
            throw new InvalidOperationException($"DAG '{dag.DagId}' has a cycle among: {string.Join(", ", remaining.Where(r => r.Value > 0).Select(r => r.Key))}.");
        return order;
    }

    private static HashSet<string> Walk(IEnumerable<string> start, Func<string, IReadOnlyList<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(start);
        while (pending.TryPop(out var id))
        {
            foreach (var neighbour in next(id))
            {
                if (seen.Add(neighbour)) pending.Push(neighbour);
            }
        }
        return seen;
    }
}
