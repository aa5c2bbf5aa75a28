namespace CodeFirst.Runtime.Storage;

/// <summary>DAG rows: pause state and the scheduler's bookmark of the last automated interval.</summary>
public interface IDagStore
{
    /// <summary>Inserts rows for DAGs not yet known (paused as given); existing rows keep their state.</summary>
    Task SyncDagsAsync(IReadOnlyList<(string DagId, bool PausedOnCreation)> dags, CancellationToken cancellationToken);

    Task<IReadOnlyList<DagRecord>> ListDagsAsync(CancellationToken cancellationToken);

    Task<DagRecord?> GetDagAsync(string dagId, CancellationToken cancellationToken);

    Task<bool> SetPausedAsync(string dagId, bool paused, CancellationToken cancellationToken);
}
