using Microsoft.Extensions.Logging;

namespace CodeFirst.Triggers;

/// <summary>What a trigger gets from the triggerer running it.</summary>
public sealed class TriggerContext
{
    public required IServiceProvider Services { get; init; }
    public required TimeProvider Time { get; init; }
    public required ILogger Log { get; init; }

    /// <summary>The deferred task instance this trigger wakes.</summary>
    public required string DagId { get; init; }
    public required string RunId { get; init; }
    public required string TaskId { get; init; }
}
