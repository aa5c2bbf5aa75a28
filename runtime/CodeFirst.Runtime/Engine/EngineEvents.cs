using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// State changes this process committed, raised after the commit. Observers (the CLI's
/// <c>dags test</c>, watch streams) must be quick and must not throw.
/// </summary>
public sealed class EngineEvents
{
    public event Action<TaskInstanceChange>? TaskInstanceChanged;
    public event Action<DagRunChange>? DagRunChanged;

    internal void Raise(TaskInstanceChange change) => TaskInstanceChanged?.Invoke(change);

    internal void Raise(DagRunChange change) => DagRunChanged?.Invoke(change);
}

public sealed record TaskInstanceChange(string DagId, string RunId, string TaskId, TaskInstanceState State, int TryNumber, int MaxTries, string? Error)
{
    /// <summary>The instance's map index; -1 for a task that is not mapped (or not yet expanded).</summary>
    public int MapIndex { get; init; } = -1;
}

public sealed record DagRunChange(string DagId, string RunId, DagRunState State);
