using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Operations;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Backfills;

/// <summary>The scheduler's share of backfills: each pass gives pending dates runs while the backfill has room, and completes finished backfills.</summary>
internal sealed class BackfillRunner(IStore store, IBackfillStore backfills, DagBag dags, RunFactory runs, TaskInstanceOperations operations, TimeProvider time)
{
    public async Task AdvanceAsync(IReadOnlyDictionary<string, DagRecord> records, CancellationToken cancellationToken)
    {
        foreach (var backfill in await backfills.ListBackfillsAsync(null, runningOnly: true, cancellationToken))
        {
            if (dags.Find(backfill.DagId) is not { } dag) continue;
            if (records.TryGetValue(backfill.DagId, out var record) && record.IsPaused) continue;
            await AdvanceAsync(dag, backfill, cancellationToken);
        }
    }

    private async Task AdvanceAsync(LoadedDag dag, BackfillRecord backfill, CancellationToken cancellationToken)
    {
        var dates = await backfills.ListBackfillDatesAsync(backfill.Id, cancellationToken);
        var runStates = (await store.ListRunsAsync(dag.DagId, null, int.MaxValue, cancellationToken)).ToDictionary(r => r.Id, r => r.State);
        var active = dates.Count(d => d.RunPk is { } pk && runStates.GetValueOrDefault(pk) is DagRunState.Queued or DagRunState.Running);
        var pending = dates.Where(d => d.State == BackfillDateState.Pending).ToList();
        foreach (var date in pending.Take(Math.Max(0, backfill.MaxActiveRuns - active)))
        {
            if (date.ExistingRunId is { } existing)
            {
                var cleared = await operations.ClearAsync(new ClearRequest(dag.DagId) { RunId = existing }, cancellationToken);
                var run = await store.GetRunAsync(dag.DagId, existing, cancellationToken);
                await backfills.SetBackfillDateAsync(backfill.Id, date.SortOrdinal, run?.Id, cleared.Count > 0 ? BackfillDateState.Cleared : BackfillDateState.Skipped, cancellationToken);
            }
            else
            {
                var created = await runs.CreateBackfillAsync(dag, date.LogicalDate, new(date.DataIntervalStart, date.DataIntervalEnd), backfill.Conf, cancellationToken);
                await backfills.SetBackfillDateAsync(backfill.Id, date.SortOrdinal, created?.Id, created is null ? BackfillDateState.Skipped : BackfillDateState.Created, cancellationToken);
            }
            active++;
        }
        if (pending.Count == 0 && active == 0) await backfills.FinishBackfillAsync(backfill.Id, BackfillState.Completed, time.GetUtcNow(), cancellationToken);
    }
}
