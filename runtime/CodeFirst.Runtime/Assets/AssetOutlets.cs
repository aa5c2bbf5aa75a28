using CodeFirst.Definitions;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Assets;

/// <summary>
/// Records the asset events of a task that succeeded, one per outlet, inside the transaction that
/// records the success: the events commit with it or not at all. The scheduler then sees them in
/// the consuming DAGs' queues (PostgreSQL wakes other schedulers with NOTIFY; in-process the
/// finisher's scheduler signal is set).
/// </summary>
internal static class AssetOutlets
{
    public static async Task RecordAsync(IRunTransaction tx, TaskDefinition task, ClaimedTask claim, bool succeeded, DateTimeOffset now, Action wakeScheduler, CancellationToken cancellationToken)
    {
        if (!succeeded || task.Outlets.Count == 0 || tx is not IAssetRunTransaction assets) return;
        var payload = $$"""{"try_number":{{claim.TryNumber}}}""";
        foreach (var uri in task.Outlets)
            await assets.RecordAssetEventAsync(new NewAssetEvent(uri, payload, claim.DagId, claim.RunId, claim.TaskId), now, cancellationToken);
        wakeScheduler();
    }

    /// <summary>The events that triggered a run, for <see cref="TaskContext.TriggeringAssetEvents"/>; empty unless the DAG is asset-scheduled.</summary>
    public static async Task<IReadOnlyList<AssetEvent>> TriggeringAsync(Engine.LoadedDag dag, ITaskRecords records, long runPk, CancellationToken cancellationToken)
    {
        if (dag.Assets is null || records is not IAssetStore assets) return [];
        return (await assets.ListRunAssetEventsAsync(runPk, cancellationToken)).Select(e => e.ToAssetEvent()).ToArray();
    }
}
