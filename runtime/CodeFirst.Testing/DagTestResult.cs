using CodeFirst.Runtime.State;

namespace CodeFirst.Testing;

/// <summary>The outcome of one test run: the run's state, every task's state, its outputs and logs.</summary>
public sealed class DagTestResult
{
    internal DagTestResult(string runId, DagRunState state, IReadOnlyDictionary<string, TaskTestResult> tasks)
    {
        RunId = runId;
        State = state;
        Tasks = tasks;
    }

    public string RunId { get; }
    public DagRunState State { get; }
    public bool Succeeded => State == DagRunState.Success;
    public IReadOnlyDictionary<string, TaskTestResult> Tasks { get; }

    public TaskTestResult this[string taskId] =>
        Tasks.TryGetValue(taskId, out var task) ? task : throw new KeyNotFoundException($"The run has no task '{taskId}'. Tasks: {string.Join(", ", Tasks.Keys)}.");

    /// <summary>The task's return value read as <typeparamref name="T"/>.</summary>
    public T? Output<T>(string taskId) => this[taskId].Output<T>();
}
