using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Testing;

/// <summary>
/// One task instance after a test run.
/// For a mapped task, the task's entry sums up its instances (<see cref="MappedInstances"/>): its state is
/// the group's, its output the list of their return values in map-index order, its log theirs in turn.
/// </summary>
public sealed record TaskTestResult(string TaskId, TaskInstanceState State, int Tries, string? ReturnJson, IReadOnlyList<LogLine> Log)
{
    /// <summary>The instance's map index; -1 for a task that is not mapped (and for a mapped task's summary).</summary>
    public int MapIndex { get; init; } = -1;

    /// <summary>A mapped task's instances in map-index order; empty for a task that is not mapped or did not expand.</summary>
    public IReadOnlyList<TaskTestResult> MappedInstances { get; init; } = [];

    public T? Output<T>() => ReturnJson is null ? default : XComJson.Deserialize<T>(ReturnJson);
}
