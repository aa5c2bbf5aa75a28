namespace CodeFirst.Runtime.Storage;

/// <summary>
/// One scheduler, worker or triggerer process as it last reported itself (Airflow's job rows, Hangfire's
/// servers). <see cref="Queues"/> is null for a worker serving every queue; <see cref="StoppedAt"/> is set by a
/// clean shutdown.
/// </summary>
public sealed record ProcessRecord(
    string Id,
    string Role,
    string Hostname,
    int Pid,
    IReadOnlyList<string>? Queues,
    int Concurrency,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat,
    TimeSpan HeartbeatInterval,
    int RunningTasks,
    int RunningTriggers,
    DateTimeOffset? StoppedAt = null)
{
    /// <summary>Heartbeats a live process may miss before it counts as dead (Airflow's scheduler health check uses a multiple too).</summary>
    public const int MissedHeartbeatsBeforeDead = 3;

    /// <summary>running while it heartbeats, stopped after a clean shutdown, dead when its heartbeat is older than a few intervals.</summary>
    public ProcessStatus StatusAt(DateTimeOffset now) =>
        StoppedAt is not null ? ProcessStatus.Stopped
        : now - LastHeartbeat > HeartbeatInterval * MissedHeartbeatsBeforeDead ? ProcessStatus.Dead
        : ProcessStatus.Running;
}
