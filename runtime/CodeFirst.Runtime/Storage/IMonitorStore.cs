namespace CodeFirst.Runtime.Storage;

/// <summary>
/// What operators watch: the process registry (every scheduler, worker and triggerer keeps its row up to date
/// with its heartbeat) and the depth of each queue.
/// </summary>
public interface IMonitorStore
{
    /// <summary>Creates or replaces the process's row (its first report and every heartbeat).</summary>
    Task RecordProcessAsync(ProcessRecord process, CancellationToken cancellationToken);

    /// <summary>Marks a process stopped (a clean shutdown); false when it has no row.</summary>
    Task<bool> MarkProcessStoppedAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every recorded process, by role then id.</summary>
    Task<IReadOnlyList<ProcessRecord>> ListProcessesAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the rows whose last heartbeat is older than <paramref name="heartbeatBefore"/>; returns how many.</summary>
    Task<int> PruneProcessesAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken);

    /// <summary>Queued, running and deferred task instances per queue, by queue name; queues with none are absent.</summary>
    Task<IReadOnlyList<QueueDepth>> ListQueueDepthsAsync(CancellationToken cancellationToken);
}
