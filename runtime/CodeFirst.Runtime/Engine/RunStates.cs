using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// The states of a run's task instances while <see cref="RunAdvancer"/> decides: one instance per
/// task, or one per map index for an expanded mapped task.
/// </summary>
internal sealed class RunStates
{
    private readonly Dictionary<string, List<InstanceState>> _byTask;

    private RunStates(IEnumerable<InstanceState> instances) =>
        _byTask = instances.GroupBy(i => i.TaskId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(i => i.MapIndex).ToList(), StringComparer.Ordinal);

    public static async Task<RunStates> LoadAsync(IRunTransaction tx, CancellationToken cancellationToken) =>
        new(await tx.GetInstanceStatesAsync(cancellationToken));

    public static RunStates Of(IReadOnlyList<InstanceState> instances) => new(instances);

    public IReadOnlyList<InstanceState> Instances(string taskId) => _byTask.TryGetValue(taskId, out var list) ? list : [];

    /// <summary>Every instance's state; a task the run lacks counts as one instance that has not run.</summary>
    public IEnumerable<TaskInstanceState> StatesOf(string taskId) =>
        _byTask.TryGetValue(taskId, out var list) ? list.Select(i => i.State) : [TaskInstanceState.None];

    /// <summary>The task's instances summed up as one state (a task the run lacks is none).</summary>
    public TaskInstanceState Group(string taskId) => InstanceStates.GroupState(StatesOf(taskId));

    /// <summary>True once a mapped task has expanded into its map indices.</summary>
    public bool IsExpanded(string taskId) => Instances(taskId).Any(i => i.MapIndex >= 0);

    public bool AllFinished => _byTask.Values.All(list => list.All(i => i.State.IsFinished()));

    public void Set(string taskId, int mapIndex, TaskInstanceState state)
    {
        var list = _byTask[taskId];
        var at = list.FindIndex(i => i.MapIndex == mapIndex);
        if (at >= 0) list[at] = list[at] with { State = state };
    }

    /// <summary>Records a mapped task's expansion into <paramref name="count"/> queued instances.</summary>
    public void Expand(string taskId, int count) =>
        _byTask[taskId] = Enumerable.Range(0, count).Select(i => new InstanceState(taskId, i, TaskInstanceState.Queued)).ToList();
}
