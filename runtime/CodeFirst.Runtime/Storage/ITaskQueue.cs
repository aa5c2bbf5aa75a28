namespace CodeFirst.Runtime.Storage;

/// <summary>Task instance rows are the queue: workers claim them under a lease.</summary>
public interface ITaskQueue
{
    /// <summary>
    /// Claims up to <paramref name="max"/> runnable task instances (queued, or up_for_retry whose
    /// delay has passed) in one statement: they become running, their try number goes up and the
    /// lease is <paramref name="worker"/>'s until <paramref name="leaseUntil"/>.
    /// </summary>
    Task<IReadOnlyList<ClaimedTask>> ClaimAsync(string worker, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Claims like the overload above, within the request's queues and limits and the pools' free
    /// slots (pool slots and MaxActiveTasks are enforced across processes: a claim locks only the pools
    /// and DAGs of its candidates, so claims of different pools and DAGs never wait for each other).
    /// </summary>
    Task<ClaimBatch> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken);

    /// <summary>When the earliest retry becomes due, so an idle worker knows how long it may sleep.</summary>
    Task<DateTimeOffset?> NextRetryDueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Extends the leases of the given running task instances held by <paramref name="worker"/>.
    /// Only the instances a worker is really executing are named: a claim whose answer was lost (a
    /// connection dropped at commit) is then not kept alive, and becomes a zombie that is retried.
    /// </summary>
    Task HeartbeatAsync(string worker, IReadOnlyCollection<long> taskInstanceIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Queued task instances queued before <paramref name="queuedBefore"/> get queued_at = <paramref name="now"/>; returns how many.</summary>
    Task<int> RequeueStaleAsync(DateTimeOffset queuedBefore, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Running task instances whose lease ran out: their worker died (zombies).</summary>
    Task<IReadOnlyList<(long RunPk, string TaskId, int MapIndex, string Worker)>> ListExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
