namespace CodeFirst.Runtime.Engine;

/// <summary>Knobs of the scheduler and workers; the defaults suit one machine.</summary>
public sealed class EngineOptions
{
    /// <summary>Task instances one worker runs at once (Airflow's worker concurrency).</summary>
    public int Concurrency { get; set; } = Environment.ProcessorCount * 2;

    /// <summary>How long a claimed task instance stays ours without a heartbeat.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Backstop polling for work another process created (in-process work wakes at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When set, replaces every task's retry delay (test hosts retry at once).</summary>
    public TimeSpan? RetryDelayOverride { get; set; }

    /// <summary>A name for this process in leases and logs.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
