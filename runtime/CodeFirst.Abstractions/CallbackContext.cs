namespace CodeFirst;

/// <summary>What a callback knows: the task instance (for task callbacks) or the run (DAG callbacks) and how it ended.</summary>
public sealed class CallbackContext
{
    public required string DagId { get; init; }
    public required string RunId { get; init; }

    /// <summary>The task, or null for a DAG callback.</summary>
    public string? TaskId { get; init; }

    /// <summary>The task's context for task callbacks; null for DAG callbacks.</summary>
    public TaskContext? Task { get; init; }

    /// <summary><c>success</c>, <c>failed</c> or <c>up_for_retry</c>.</summary>
    public required string State { get; init; }

    /// <summary>The error that ended the try, when it failed.</summary>
    public string? Error { get; init; }
}
