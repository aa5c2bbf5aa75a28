namespace CodeFirst.Runtime.Storage;

/// <summary>
/// Asset events and the per-DAG queue of events not yet consumed by a run (Airflow's
/// <c>asset_dag_run_queue</c>). An event is queued for every DAG whose schedule references its URI
/// at the time it is recorded.
/// </summary>
public interface IAssetStore
{
    /// <summary>Replaces the asset URIs each listed DAG's schedule references (none removes them).</summary>
    Task SyncAssetReferencesAsync(IReadOnlyList<(string DagId, IReadOnlyList<string> Uris)> dags, CancellationToken cancellationToken);

    /// <summary>Records an event and queues it, in the same transaction, for every DAG that references its URI.</summary>
    Task<AssetEventRecord> RecordAssetEventAsync(NewAssetEvent assetEvent, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The events queued for a DAG and not yet consumed by a run, oldest first.</summary>
    Task<IReadOnlyList<AssetEventRecord>> ListQueuedAssetEventsAsync(string dagId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates an asset-triggered run that consumes the given queued events, in one transaction.
    /// Null when another scheduler consumed any of them first, or the run id exists.
    /// </summary>
    Task<DagRunRecord?> CreateAssetTriggeredRunAsync(NewDagRun run, IReadOnlyList<long> eventIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The events a run consumed, oldest first.</summary>
    Task<IReadOnlyList<AssetEventRecord>> ListRunAssetEventsAsync(long runPk, CancellationToken cancellationToken);

    /// <summary>Events, newest first, of one URI or all.</summary>
    Task<IReadOnlyList<AssetEventRecord>> ListAssetEventsAsync(string? uri, int limit, CancellationToken cancellationToken);
}
