using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>Creating, starting and reading DAG runs.</summary>
public interface IDagRunStore
{
    /// <summary>
    /// Creates a queued run with its task instances in one transaction. Returns null when a run
    /// with the same run id (or, for non-manual runs, the same logical date) already exists.
    /// A scheduled run also moves the DAG's last-automated bookmark, in the same transaction.
    /// </summary>
    Task<DagRunRecord?> CreateRunAsync(NewDagRun run, DateTimeOffset now, CancellationToken cancellationToken);

    Task<DagRunRecord?> GetRunAsync(string dagId, string runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DagRunRecord>> ListRunsAsync(string? dagId, DagRunState? state, int limit, CancellationToken cancellationToken);

    /// <summary>Queued and running runs of a DAG.</summary>
    Task<int> CountActiveRunsAsync(string dagId, CancellationToken cancellationToken);

    Task<int> CountRunningRunsAsync(string dagId, CancellationToken cancellationToken);

    /// <summary>Queued runs, oldest logical date first.</summary>
    Task<IReadOnlyList<DagRunRecord>> ListQueuedRunsAsync(CancellationToken cancellationToken);
}
