namespace CodeFirst.Runtime.Engine;

/// <summary>Knobs of the scheduler and workers; the defaults suit one machine.</summary>
public sealed class EngineOptions
{
    /// <summary>Task instances one worker runs at once (Airflow's worker concurrency).</summary>
    public int Concurrency { get; set; } = Environment.ProcessorCount * 2;

    /// <summary>How long a claimed task instance stays ours without a heartbeat.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a worker stores the new log lines of the tries it runs, so the API of any process can
    /// show a running try's log (all running tries in one statement); zero or less stores a try's log only
    /// when it ends (or is deferred or handed back).
    /// </summary>
    public TimeSpan LiveLogFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Backstop polling for work another process created (in-process work wakes at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// On shutdown (SIGTERM, Ctrl+C) running tries get this long to finish; then their tokens are
    /// cancelled and those that stop by cancellation are handed back to the queue, their try not counted.
    /// </summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>When set, replaces every task's retry delay (test hosts retry at once).</summary>
    public TimeSpan? RetryDelayOverride { get; set; }

    /// <summary>The queues this worker takes task instances from; null serves every queue (Airflow's <c>celery worker -q</c>).</summary>
    public IReadOnlyCollection<string>? Queues { get; set; }

    /// <summary>
    /// Task instances this worker process runs at once (Airflow's core.parallelism, which is per scheduler); 0 is unlimited.
    /// An installation-wide cap is a pool's slots, which hold across processes.
    /// </summary>
    public int Parallelism { get; set; } = 32;

    /// <summary>
    /// Whether a finished task's slot goes straight to a downstream task it queued (default true): a chain moves on in
    /// about a millisecond instead of waiting for the claim loop. The downstream task then starts before queued work of
    /// higher priority_weight that waits for the same pool; false hands every slot out through the claim in priority
    /// order, as Airflow's scheduler does.
    /// </summary>
    public bool HandOffSlots { get; set; } = true;

    /// <summary>A queued task instance no worker took for this long is queued afresh (Airflow's task_queued_timeout); zero or less turns it off.</summary>
    public TimeSpan QueuedTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest XCom value (return value or push) a try may write, in UTF-8 bytes; larger fails the task without retry.</summary>
    public int MaxXComBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a try that ignores its cancelled token after <c>ExecutionTimeout</c> is still awaited before its slot is taken back.</summary>
    public TimeSpan ExecutionTimeoutGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Triggers one triggerer runs at once (Airflow's <c>triggerer.capacity</c>).</summary>
    public int TriggererCapacity { get; set; } = 10_000;

    /// <summary>
    /// The most instances a mapped task may expand into unless it sets its own <c>MaxMapLength</c>
    /// (Airflow's <c>core.max_map_length</c>, 1024); a longer list fails the mapped task.
    /// </summary>
    public int MaxMapLength { get; set; } = 1024;

    /// <summary>A name for this process in leases and logs.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
