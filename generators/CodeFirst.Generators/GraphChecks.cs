namespace CodeFirst.Generators;

/// <summary>Cycle detection over a DAG's task graph, by index so it needs no symbols.</summary>
internal static class GraphChecks
{
    /// <summary>
    /// Finds one cycle per strongly connected component that has one. Each cycle is returned as the
    /// task indices along the data flow (upstream first), starting and ending at the earliest-declared
    /// task of the component, e.g. [0, 2, 1, 0] for a -> c -> b -> a.
    /// </summary>
    /// <param name="upstream">For each task, the indices of its upstream tasks.</param>
    public static List<int[]> FindCycles(IReadOnlyList<IReadOnlyList<int>> upstream)
    {
        var count = upstream.Count;
        var downstream = new List<int>[count];
        for (var i = 0; i < count; i++) downstream[i] = [];
        for (var task = 0; task < count; task++)
        {
            foreach (var up in upstream[task]) downstream[up].Add(task);
        }
        foreach (var list in downstream) list.Sort();

        var reach = new bool[count][];
        for (var i = 0; i < count; i++) reach[i] = Reachable(i, downstream);

        var cycles = new List<int[]>();
        var assigned = new bool[count];
        for (var start = 0; start < count; start++)
        {
            if (assigned[start] || !reach[start][start]) continue;
            var component = new bool[count];
            for (var other = 0; other < count; other++)
            {
                if (reach[start][other] && reach[other][start])
                {
                    component[other] = true;
                    assigned[other] = true;
                }
            }
            cycles.Add(ShortestCycle(start, downstream, component));
        }
        return cycles;
    }

    private static bool[] Reachable(int from, List<int>[] downstream)
    {
        var seen = new bool[downstream.Length];
        var stack = new Stack<int>(downstream[from]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (seen[node]) continue;
            seen[node] = true;
            foreach (var next in downstream[node]) stack.Push(next);
        }
        return seen;
    }

    private static int[] ShortestCycle(int start, List<int>[] downstream, bool[] component)
    {
        var previous = new int[downstream.Length];
        for (var i = 0; i < previous.Length; i++) previous[i] = -1;
        var queue = new Queue<int>();
        queue.Enqueue(start);
        var visited = new bool[downstream.Length];
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in downstream[node])
            {
                if (!component[next]) continue;
                if (next == start)
                {
                    var path = new List<int> { start };
                    for (var at = node; at != start; at = previous[at]) path.Add(at);
                    path.Add(start);
                    path.Reverse(1, path.Count - 2);
                    return path.ToArray();
                }
                if (visited[next]) continue;
                visited[next] = true;
                previous[next] = node;
                queue.Enqueue(next);
            }
        }
        return [start, start];
    }
}
