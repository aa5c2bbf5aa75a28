using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// Re-decides the waiting (<c>none</c>) instances of running runs of DAGs that use depends_on_past:
/// the cross-run wake-up. A worker calls it for the next run right after finishing an instance; the
/// scheduler pass calls it for every such run as a backstop (a process that died in between).
/// </summary>
internal sealed class WaitingRunWaker(IStore store, DagBag dags, EngineEvents events, WorkSignal work, WorkSignal scheduler, TimeProvider time)
{
    public static bool Applies(LoadedDag dag) => dag.Definition.Tasks.Any(t => t.DependsOnPast || t.WaitForDownstream);

    /// <summary>The running run that follows the given one by logical date, if its DAG uses depends_on_past.</summary>
    public async Task WakeNextAsync(string dagId, long runPk, DateTimeOffset logicalDate, CancellationToken cancellationToken)
    {
        if (dags.Find(dagId) is not { } dag || !Applies(dag)) return;
        var runs = await store.ListRunsAsync(dagId, DagRunState.Running, 1000, cancellationToken);
        var next = runs.Where(r => r.LogicalDate > logicalDate || (r.LogicalDate == logicalDate && r.Id > runPk))
            .OrderBy(r => r.LogicalDate).ThenBy(r => r.Id).FirstOrDefault();
        if (next is not null) await WakeAsync(dag, next, cancellationToken);
    }

    public async Task WakeAllAsync(CancellationToken cancellationToken)
    {
        foreach (var dag in dags.Dags.Where(Applies))
        {
            foreach (var run in (await store.ListRunsAsync(dag.DagId, DagRunState.Running, 1000, cancellationToken)).OrderBy(r => r.LogicalDate))
                await WakeAsync(dag, run, cancellationToken);
        }
    }

    private async Task WakeAsync(LoadedDag dag, DagRunRecord run, CancellationToken cancellationToken)
    {
        RunAdvancer.Outcome outcome;
        await using (var tx = await store.BeginRunTransactionAsync(run.Id, cancellationToken))
        {
            outcome = await RunAdvancer.EvaluateWaitingAsync(tx, store, dag, time.GetUtcNow(), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        if (outcome.Queued > 0) work.Set();
        foreach (var change in outcome.Changed) events.Raise(change.ToEvent(run.DagId, run.RunId));
        if (outcome.RunFinished is { } runState)
        {
            events.Raise(new DagRunChange(run.DagId, run.RunId, runState));
            scheduler.Set();
        }
    }
}
