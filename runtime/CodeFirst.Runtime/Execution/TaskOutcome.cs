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
    /// <summary>Not finished: a sensor rescheduled its next poke, or the task deferred to a trigger.</summary>
    Suspended,
}

public sealed record TaskOutcome(TaskOutcomeKind Kind, string? ReturnJson, string? Error)
{
    /// <summary>Downstream task ids a branch or short circuit skips when the try succeeded.</summary>
    public IReadOnlyCollection<string> SkipDownstream { get; init; } = [];

    /// <summary>When a <see cref="TaskOutcomeKind.Suspended"/> sensor pokes next (reschedule mode).</summary>
    public DateTimeOffset? ReadyAt { get; init; }

    /// <summary>The trigger a <see cref="TaskOutcomeKind.Suspended"/> try deferred to.</summary>
    public Storage.NewTrigger? Trigger { get; init; }

    public static TaskOutcome Success(string? returnJson) => new(TaskOutcomeKind.Success, returnJson, null);
}
