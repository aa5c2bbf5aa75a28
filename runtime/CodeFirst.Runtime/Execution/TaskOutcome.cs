namespace CodeFirst.Runtime.Execution;

/// <summary>How one try ended, before retries are taken into account.</summary>
public enum TaskOutcomeKind
{
    Success,
    Skipped,
    /// <summary>Failed; retried while tries are left.</summary>
    Failed,
    /// <summary>Failed by <see cref="TaskFailedException"/>: no further retries.</summary>
    FailedNoRetry,
}

public sealed record TaskOutcome(TaskOutcomeKind Kind, string? ReturnJson, string? Error)
{
    public static TaskOutcome Success(string? returnJson) => new(TaskOutcomeKind.Success, returnJson, null);
}
