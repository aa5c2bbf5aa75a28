using CodeFirst.Runtime.Storage;

namespace CodeFirst.Testing;

/// <summary>Reads a finished test run's task instances into <see cref="TaskTestResult"/>s, one per task.</summary>
internal static class TestResults
{
    public static async Task<IReadOnlyDictionary<string, TaskTestResult>> ReadAsync(IStore store, long runPk)
    {
        var tasks = new Dictionary<string, TaskTestResult>(StringComparer.Ordinal);
        foreach (var group in (await store.ListTaskInstancesAsync(runPk, CancellationToken.None)).GroupBy(i => i.TaskId, StringComparer.Ordinal))
        {
            var instances = new List<TaskTestResult>();
            foreach (var instance in group)
            {
                var output = await store.GetXComAsync(runPk, instance.TaskId, instance.MapIndex, XComJson.ReturnValueKey, CancellationToken.None);
                // Try 0 holds what was decided before any try ran (why a mapped task failed to expand, say).
                var log = await store.GetLogAsync(runPk, instance.TaskId, instance.MapIndex, instance.TryNumber, CancellationToken.None);
                instances.Add(new TaskTestResult(instance.TaskId, instance.State, instance.TryNumber, output, log) { MapIndex = instance.MapIndex });
            }
            tasks[group.Key] = instances is [{ MapIndex: < 0 } single] ? single : Summary(group.Key, instances,
                await store.GetXComAsync(runPk, group.Key, XComJson.ReturnValueKey, CancellationToken.None));
        }
        return tasks;
    }

    private static TaskTestResult Summary(string taskId, IReadOnlyList<TaskTestResult> instances, string? collected) =>
        new(taskId, InstanceStates.GroupState(instances.Select(i => i.State)), instances.Max(i => i.Tries), collected, instances.SelectMany(i => i.Log).ToList())
        {
            MappedInstances = instances,
        };
}
