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
    /// <summary>Downstream task ids a branch or short circuit skips when the try succeeded.</summary>
    public IReadOnlyCollection<string> SkipDownstream { get; init; } = [];

    public static TaskOutcome Success(string? returnJson) => new(TaskOutcomeKind.Success, returnJson, null);
}
