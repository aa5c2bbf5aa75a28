using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Operations;

/// <summary>
/// Repairs on existing runs: clear task instances so they run again, mark them success or
/// failed. Unknown DAGs, runs or tasks raise <see cref="DagNotFoundException"/> or
/// <see cref="KeyNotFoundException"/>; invalid arguments (a bad regex, a state other than
/// success/failed) raise <see cref="ArgumentException"/> naming the argument.
/// </summary>
public sealed partial class TaskInstanceOperations(IStore store, DagBag dags, EngineEvents events, TimeProvider time)
{
    private readonly IStore _store = store;
    private readonly DagBag _dags = dags;
    private readonly EngineEvents _events = events;
    private readonly TimeProvider _time = time;

    /// <summary>Resets the chosen task instances to <c>none</c> with fresh retries; their runs go back to queued and run them again.</summary>
    public Task<IReadOnlyList<AffectedTaskInstance>> ClearAsync(ClearRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Sets the chosen task instances to success or failed and lets the run advance as if they had finished so.</summary>
    public Task<IReadOnlyList<AffectedTaskInstance>> MarkAsync(MarkRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
