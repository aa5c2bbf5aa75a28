using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Testing;

/// <summary>What a test controls: services, conf and the clock.</summary>
public sealed class DagTestOptions
{
    /// <summary>Registers the services the DAG's constructor and tasks ask for (fakes, usually).</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>The run's conf as a JSON object; empty when null.</summary>
    public string? Conf { get; init; }

    /// <summary>The clock the engine reads (retry delays, timestamps); the real one when null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>How long a run may take before the test fails instead of hanging.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retry delays are skipped so retries happen at once (the delays themselves are the runtime's concern).</summary>
    public bool SkipRetryDelays { get; init; } = true;

    /// <summary>For <see cref="DagTestHost.RunTaskAsync{TDag}"/> of a mapped task: which element of the upstream list the task gets (its map index).</summary>
    public int MapIndex { get; init; } = -1;
}
