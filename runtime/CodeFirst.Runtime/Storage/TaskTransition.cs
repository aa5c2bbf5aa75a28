namespace CodeFirst.Runtime.Storage;

/// <summary>The columns a state transition also writes, and which mapped instance it concerns.</summary>
public sealed record TaskTransition(DateTimeOffset Now)
{
    /// <summary>When a retry becomes due (for up_for_retry).</summary>
    public DateTimeOffset? ReadyAt { get; init; }

    /// <summary>Only the worker holding the lease may finish a running try.</summary>
    public string? RequireWorker { get; init; }

    /// <summary>Sets end_date (finished states).</summary>
    public bool Ends { get; init; }

    /// <summary>Resets try bookkeeping when a finished instance is cleared to run again.</summary>
    public bool Clears { get; init; }

    /// <summary>When set, max_tries becomes try_number + this: a cleared instance gets its retries afresh.</summary>
    public int? TriesFromNow { get; init; }

    /// <summary>Takes back the try a claim counted: a try handed back at shutdown did not happen.</summary>
    public bool UndoTry { get; init; }

    /// <summary>
    /// Which instance of a mapped task moves; null moves every instance of the task that is in an
    /// expected state (an unmapped task, or a mapped one not yet expanded, has exactly one).
    /// </summary>
    public int? MapIndex { get; init; }
}
