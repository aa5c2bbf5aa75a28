using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>
/// One transaction over one DAG run, holding the run's lock so that two processes finishing
/// tasks of the same run decide its downstream tasks one after the other. Nothing is visible
/// to others until <see cref="CommitAsync"/>.
/// </summary>
public interface IRunTransaction : IAsyncDisposable
{
    DagRunRecord Run { get; }

    /// <summary>
    /// Says that the workers of the engine <paramref name="workerId"/> are woken by the caller for whatever this
    /// transaction queues (a finishing worker claims its downstream task itself): the store's wake-up still reaches
    /// every other process, but not that engine's own listener, which would only start a claim racing the caller's.
    /// </summary>
    void WorkersWokenBy(string workerId)
    {
    }

    /// <summary>
    /// Starts a queued instance of this run for <paramref name="worker"/> at once (queued → running with its next try
    /// and the worker's lease, as a claim would): the slot of a task this transaction finishes, handed to a downstream
    /// task of the same pool. The caller keeps pools, MaxActiveTasks and parallelism whole (the finished task frees at
    /// least what this one takes, and the queued state is never seen outside). Null when the instance is not queued;
    /// a store without this returns null and the worker claims instead.
    /// </summary>
    Task<ClaimedTask?> StartQueuedAsync(string taskId, int mapIndex, string worker, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        Task.FromResult<ClaimedTask?>(null);

    /// <summary>
    /// Every task's state, by task id, as of this transaction; a mapped task's instances are
    /// summed up as one state (<see cref="InstanceStates.GroupState"/>).
    /// </summary>
    async Task<IReadOnlyDictionary<string, TaskInstanceState>> GetTaskStatesAsync(CancellationToken cancellationToken) =>
        InstanceStates.ByTask(await GetInstanceStatesAsync(cancellationToken));

    /// <summary>Every task instance of the run with its map index and state, as of this transaction.</summary>
    Task<IReadOnlyList<InstanceState>> GetInstanceStatesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Expands a mapped task into <paramref name="count"/> queued instances (map indices 0 … count-1):
    /// its unexpanded instance (map index -1, waiting in none or scheduled) becomes index 0, as in Airflow.
    /// False when that instance was not waiting (someone else expanded or moved it first).
    /// </summary>
    Task<bool> ExpandAsync(string taskId, int count, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A task's return value as JSON; for a mapped task, the JSON array of its instances' values in map-index order.</summary>
    Task<string?> GetReturnValueAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// How many task instances of the run are not finished, as of this transaction: a finished task
    /// without downstream tasks needs only this to know whether the run is over.
    /// </summary>
    async Task<int> CountUnfinishedAsync(CancellationToken cancellationToken) =>
        (await GetTaskStatesAsync(cancellationToken)).Values.Count(s => !s.IsFinished());

    /// <summary>
    /// <see cref="TransitionAsync"/>, then <see cref="CountUnfinishedAsync"/> as of after it (0 when nothing moved): what
    /// a finished task without downstream tasks needs, in one round trip where the store can send both together.
    /// </summary>
    async Task<(bool Moved, int Unfinished)> TransitionAndCountUnfinishedAsync(string taskId, IReadOnlyCollection<TaskInstanceState> expected, TaskInstanceState to,
        TaskTransition details, CancellationToken cancellationToken) =>
        await TransitionAsync(taskId, expected, to, details, cancellationToken) ? (true, await CountUnfinishedAsync(cancellationToken)) : (false, 0);

    /// <summary>
    /// Runs these <see cref="TransitionAndCountUnfinishedAsync"/> calls now, in this order, all at once where the store
    /// can; each later identical call (same task, map index and target, in the same order) returns its result instead
    /// of running again. For a group of results that change nothing but their own rows, so the order is all that matters.
    /// </summary>
    Task PrefetchTransitionsAsync(IReadOnlyList<PlannedTransition> transitions, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Moves a task instance from one of <paramref name="expected"/> to <paramref name="to"/>;
    /// false when it was not in an expected state (someone else moved it first).
    /// </summary>
    Task<bool> TransitionAsync(string taskId, IReadOnlyCollection<TaskInstanceState> expected, TaskInstanceState to, TaskTransition details, CancellationToken cancellationToken);

    /// <summary>
    /// Moves each of <paramref name="taskIds"/> that is in <paramref name="expected"/> to <paramref name="to"/>
    /// in one statement (a run's roots queued at its start); returns the ids that moved.
    /// </summary>
    async Task<IReadOnlyCollection<string>> TransitionManyAsync(IReadOnlyCollection<string> taskIds, TaskInstanceState expected, TaskInstanceState to, TaskTransition details, CancellationToken cancellationToken)
    {
        var moved = new List<string>(taskIds.Count);
        foreach (var taskId in taskIds)
        {
            if (await TransitionAsync(taskId, [expected], to, details, cancellationToken)) moved.Add(taskId);
        }
        return moved;
    }

    Task SetXComAsync(string taskId, string key, string value, CancellationToken cancellationToken) =>
        SetXComAsync(taskId, -1, key, value, cancellationToken);

    Task SetXComAsync(string taskId, int mapIndex, string key, string value, CancellationToken cancellationToken);

    Task AppendLogAsync(string taskId, int tryNumber, IReadOnlyList<LogLine> lines, CancellationToken cancellationToken) =>
        AppendLogAsync(taskId, -1, tryNumber, lines, cancellationToken);

    Task AppendLogAsync(string taskId, int mapIndex, int tryNumber, IReadOnlyList<LogLine> lines, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the try that has just ended (the instance's state, start and end date as this transaction
    /// left them) in the try history; <paramref name="worker"/> is the worker that ran it.
    /// </summary>
    Task RecordTryAsync(string taskId, int mapIndex, int tryNumber, string? worker, CancellationToken cancellationToken);

    Task<bool> SetRunStateAsync(DagRunState expected, DagRunState to, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="SetRunStateAsync"/>, then (when it moved) <see cref="GetInstanceStatesAsync"/>: what starting a run
    /// needs, in one round trip where the store can send both together.
    /// </summary>
    async Task<(bool Moved, IReadOnlyList<InstanceState> States)> SetRunStateAndReadInstancesAsync(DagRunState expected, DagRunState to, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await SetRunStateAsync(expected, to, now, cancellationToken) ? (true, await GetInstanceStatesAsync(cancellationToken)) : (false, []);

    /// <summary>
    /// The states of <paramref name="taskIds"/> in the DAG's previous run (the latest with an earlier
    /// logical date), for depends_on_past; null when there is no previous run. Tasks it lacks are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, TaskInstanceState>?> GetPreviousRunStatesAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>A <see cref="IRunTransaction.TransitionAndCountUnfinishedAsync"/> call known before it is made.</summary>
public sealed record PlannedTransition(string TaskId, IReadOnlyCollection<TaskInstanceState> Expected, TaskInstanceState To, TaskTransition Details);
