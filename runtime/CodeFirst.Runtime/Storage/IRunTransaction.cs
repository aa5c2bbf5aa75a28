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

    /// <summary>Every task instance state of the run, by task id, as of this transaction.</summary>
    Task<IReadOnlyDictionary<string, TaskInstanceState>> GetTaskStatesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How many task instances of the run are not finished, as of this transaction: a finished task
    /// without downstream tasks needs only this to know whether the run is over.
    /// </summary>
    async Task<int> CountUnfinishedAsync(CancellationToken cancellationToken) =>
        (await GetTaskStatesAsync(cancellationToken)).Values.Count(s => !s.IsFinished());

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

    Task SetXComAsync(string taskId, string key, string value, CancellationToken cancellationToken);

    Task AppendLogAsync(string taskId, int tryNumber, IReadOnlyList<LogLine> lines, CancellationToken cancellationToken);

    Task<bool> SetRunStateAsync(DagRunState expected, DagRunState to, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The states of <paramref name="taskIds"/> in the DAG's previous run (the latest with an earlier
    /// logical date), for depends_on_past; null when there is no previous run. Tasks it lacks are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, TaskInstanceState>?> GetPreviousRunStatesAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
