using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Scheduling;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Backfills;

/// <summary>
/// Airflow 3's backfills: a row in the database that the scheduler works through (creating
/// <c>backfill__&lt;date&gt;</c> runs under the backfill's own max active runs), so a backfill
/// outlives the command that created it and any scheduler restart.
/// </summary>
public sealed class Backfills(IStore store, IBackfillStore backfills, DagBag dags, Action wakeScheduler, TimeProvider time)
{
    private const int MaxDates = 10_000;

    /// <summary>
    /// Plans a backfill of the logical dates in [<paramref name="from"/>, <paramref name="to"/>] and,
    /// unless <paramref name="dryRun"/>, stores it for the scheduler. Dates that already have a run are
    /// skipped or cleared according to <paramref name="reprocess"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Bad range, max active runs, conf, or a DAG without a time schedule.</exception>
    /// <exception cref="InvalidOperationException">The DAG already has a running backfill.</exception>
    public async Task<BackfillPlan> CreateAsync(
        string dagId, DateTimeOffset from, DateTimeOffset to, ReprocessBehavior reprocess, int maxActiveRuns, bool runBackwards,
        string? conf, bool dryRun, CancellationToken cancellationToken)
    {
        var dag = dags.Get(dagId);
        if (to < from) throw new ArgumentException($"The backfill ends ({to:O}) before it starts ({from:O}).", nameof(to));
        if (maxActiveRuns < 1) throw new ArgumentOutOfRangeException(nameof(maxActiveRuns), maxActiveRuns, "Max active runs must be at least 1.");
        if (dag.Timetable is NullTimetable or OnceTimetable or ContinuousTimetable or AssetTimetable)
            throw new ArgumentException($"DAG '{dagId}' is scheduled '{dag.Timetable.Summary}'; only cron and interval schedules can be backfilled.", nameof(dagId));
        var preparedConf = RunFactory.PrepareConf(dag, conf);

        var infos = dag.Timetable.Upcoming(null, new TimeRestriction(from, to, Catchup: true), to, MaxDates + 1).ToList();
        if (infos.Count > MaxDates) throw new ArgumentException($"The range holds more than {MaxDates} runs; backfill it in parts.", nameof(to));
        if (runBackwards) infos.Reverse();

        var existing = (await store.ListRunsAsync(dagId, null, int.MaxValue, cancellationToken))
            .GroupBy(r => r.LogicalDate)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.RunType == DagRunType.Manual).ThenByDescending(r => r.Id).First());
        var plan = infos.Select(info =>
        {
            var run = existing.GetValueOrDefault(info.LogicalDate);
            var action = run is null ? BackfillAction.Create : Decide(reprocess, run.State);
            return new BackfillPlanDate(info.LogicalDate, info.DataInterval.Start, info.DataInterval.End, action, action == BackfillAction.Clear ? run!.RunId : null);
        }).ToArray();
        if (dryRun) return new BackfillPlan(null, plan);

        var record = await backfills.CreateBackfillAsync(
            new NewBackfill(dagId, from, to, reprocess, maxActiveRuns, runBackwards, preparedConf),
            plan.Where(d => d.Action != BackfillAction.Skip).Select(d => new NewBackfillDate(d.LogicalDate, d.DataIntervalStart, d.DataIntervalEnd, d.ExistingRunId)).ToArray(),
            time.GetUtcNow(), cancellationToken);
        wakeScheduler();
        return new BackfillPlan(record, plan);
    }

    // Airflow 3: none keeps every existing run; failed reruns failed ones; completed reruns every finished one. Active runs are left alone.
    private static BackfillAction Decide(ReprocessBehavior reprocess, DagRunState state) => (reprocess, state) switch
    {
        (ReprocessBehavior.Failed, DagRunState.Failed) => BackfillAction.Clear,
        (ReprocessBehavior.Completed, DagRunState.Failed or DagRunState.Success) => BackfillAction.Clear,
        _ => BackfillAction.Skip,
    };

    public Task<IReadOnlyList<BackfillRecord>> ListAsync(string? dagId, bool runningOnly, CancellationToken cancellationToken) =>
        backfills.ListBackfillsAsync(dagId, runningOnly, cancellationToken);

    public Task<BackfillRecord?> GetAsync(long id, CancellationToken cancellationToken) => backfills.GetBackfillAsync(id, cancellationToken);

    public Task<IReadOnlyList<BackfillDateRecord>> ListDatesAsync(long id, CancellationToken cancellationToken) => backfills.ListBackfillDatesAsync(id, cancellationToken);

    /// <summary>The backfill's dates in run order, each with its run as it is now (for progress reports).</summary>
    public async Task<IReadOnlyList<BackfillDateProgress>> ListProgressAsync(BackfillRecord backfill, CancellationToken cancellationToken)
    {
        var dates = await backfills.ListBackfillDatesAsync(backfill.Id, cancellationToken);
        if (dates.All(d => d.RunPk is null)) return [.. dates.Select(d => new BackfillDateProgress(d, null))];
        var runs = (await store.ListRunsAsync(backfill.DagId, null, int.MaxValue, cancellationToken)).ToDictionary(r => r.Id);
        return [.. dates.Select(d => new BackfillDateProgress(d, d.RunPk is { } pk ? runs.GetValueOrDefault(pk) : null))];
    }

    /// <summary>
    /// Cancels a running backfill: no more runs are created, pending dates are skipped and its queued
    /// runs fail (running ones finish), as Airflow 3's cancel does. False when it was not running.
    /// </summary>
    public async Task<bool> CancelAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await backfills.FinishBackfillAsync(id, BackfillState.Canceled, now, cancellationToken)) return false;
        foreach (var date in await backfills.ListBackfillDatesAsync(id, cancellationToken))
        {
            if (date.State == BackfillDateState.Pending)
                await backfills.SetBackfillDateAsync(id, date.SortOrdinal, null, BackfillDateState.Skipped, cancellationToken);
            else if (date.RunPk is { } runPk)
            {
                await using var tx = await store.BeginRunTransactionAsync(runPk, cancellationToken);
                if (await tx.SetRunStateAsync(DagRunState.Queued, DagRunState.Failed, now, cancellationToken)) await tx.CommitAsync(cancellationToken);
            }
        }
        return true;
    }
}
