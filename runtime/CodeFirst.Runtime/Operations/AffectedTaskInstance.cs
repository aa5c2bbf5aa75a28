using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Operations;

/// <summary>A task instance an operation changed (or, in a dry run, would change), with the state it had.</summary>
public sealed record AffectedTaskInstance(string DagId, string RunId, string TaskId, TaskInstanceState PreviousState)
{
    /// <summary>The instance's map index; -1 for a task that is not mapped.</summary>
    public int MapIndex { get; init; } = -1;
}
