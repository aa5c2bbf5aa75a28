using CodeFirst.Definitions;

namespace CodeFirst.Runtime.Engine;

/// <summary>Effective priority weights per Airflow's weight rules, computed when a run's task instances are created.</summary>
public static class PriorityWeights
{
    public static IReadOnlyDictionary<string, int> Of(DagDefinition dag)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in dag.Tasks)
        {
            var related = task.WeightRule switch
            {
                WeightRule.Downstream => DagGraph.DownstreamOf(dag, [task.TaskId]),
                WeightRule.Upstream => DagGraph.UpstreamOf(dag, [task.TaskId]),
                _ => (IReadOnlySet<string>)new HashSet<string>(),
            };
            long total = task.PriorityWeight;
            foreach (var id in related)
            {
                if (id != task.TaskId && dag.FindTask(id) is { } other) total += other.PriorityWeight;
            }
            weights[task.TaskId] = (int)Math.Clamp(total, int.MinValue, int.MaxValue);
        }
        return weights;
    }

    /// <summary>The task instances a new run of <paramref name="dag"/> gets.</summary>
    public static IReadOnlyList<Storage.NewTaskInstance> NewTaskInstances(DagDefinition dag)
    {
        var weights = Of(dag);
        return dag.Tasks.Select(t => new Storage.NewTaskInstance(t.TaskId, t.Retries + 1, weights[t.TaskId], t.Queue, t.Pool, t.PoolSlots)).ToArray();
    }
}
