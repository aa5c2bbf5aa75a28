namespace CodeFirst.Runtime.Storage;

/// <summary>What a worker asks the queue for: up to <see cref="Max"/> task instances within the installation's limits.</summary>
public sealed record ClaimRequest(string Worker, int Max, DateTimeOffset Now, DateTimeOffset LeaseUntil)
{
    /// <summary>Only task instances of these queues; null takes every queue.</summary>
    public IReadOnlyCollection<string>? Queues { get; init; }

    /// <summary>
    /// Running task instances allowed to this worker (Airflow's core.parallelism is per scheduler, the
    /// process that hands out work); 0 is unlimited. An installation-wide cap is a pool's slots.
    /// </summary>
    public int Parallelism { get; init; }

    /// <summary>Running task instances allowed per DAG (across its runs); a DAG not listed is unlimited.</summary>
    public IReadOnlyDictionary<string, int>? MaxActiveTasks { get; init; }

    /// <summary>
    /// Only instances of these tasks of this run; null takes any. A worker whose task just queued its
    /// downstream tasks claims one of them with it, in the slot the task frees (no trip through its claim loop).
    /// </summary>
    public ClaimScope? Only { get; init; }
}

/// <summary>The instances of <see cref="TaskIds"/> in the run <see cref="RunPk"/> of the DAG <see cref="DagId"/>.</summary>
public sealed record ClaimScope(long RunPk, string DagId, IReadOnlyCollection<string> TaskIds);
