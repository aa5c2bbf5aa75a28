using CodeFirst.Runtime.Execution;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// The scheduler loop: creates the runs timetables ask for, starts queued runs under each DAG's
/// MaxActiveRuns, and fails or retries task instances whose worker stopped heartbeating.
/// Task-to-task progress does not pass through here: finishing tasks queue their downstream.
/// </summary>
internal sealed partial class DagScheduler(
    IStore store, DagBag dags, RunFactory runs, ZombieReaper zombies, EngineEvents events,
    WorkSignal work, WorkSignal wake, EngineOptions options, TimeProvider time, ILogger<DagScheduler> logger,
    Backfills.BackfillRunner? backfills = null, Assets.PerEventRuns? perEventRuns = null, CallbackRunner? callbacks = null)
{
    private bool _assetReferencesSynced;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await store.SyncDagsAsync(dags.Dags.Select(d => (d.DagId, d.Definition.IsPausedUponCreation)).ToArray(), stoppingToken);
        foreach (var pool in await DagPools.CreateMissingAsync(store, dags.Dags.Select(d => d.Definition), stoppingToken))
            LogPoolCreated(logger, pool, DagPools.DefaultSlots);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await TickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // Stopping in the middle of a pass ends the loop like stopping between passes.
            }
            catch (Exception e)
            {
                LogLoopFailed(logger, e);
                wait = options.PollInterval;
            }
            try
            {
                await wake.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One scheduling pass; returns how long the loop may sleep.</summary>
    public async Task<TimeSpan> TickAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            return await PassAsync(cancellationToken);
        }
        finally
        {
            Diagnostics.CodeFirstMetrics.SchedulerLoopDuration.Record(time.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<TimeSpan> PassAsync(CancellationToken cancellationToken)
    {
        var wait = options.PollInterval;
        await SyncAssetReferencesAsync(cancellationToken);
        var records = (await store.ListDagsAsync(cancellationToken)).ToDictionary(d => d.DagId, StringComparer.Ordinal);
        foreach (var dag in dags.Dags)
        {
            if (!records.TryGetValue(dag.DagId, out var record) || record.IsPaused) continue;
            if (await CreateDueRunsAsync(dag, record, cancellationToken) is { } nextDue)
            {
                var untilDue = nextDue - time.GetUtcNow();
                if (untilDue < wait) wait = untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue;
            }
            await CreateAssetTriggeredRunAsync(dag, cancellationToken);
        }
        await FailTimedOutRunsAsync(cancellationToken);
        if (backfills is not null) await backfills.AdvanceAsync(records, cancellationToken);
        await StartQueuedRunsAsync(records, cancellationToken);
        await zombies.ReapAsync(cancellationToken);
        return wait;
    }

    // Returns when the next run becomes due, if one is pending.
    private async Task<DateTimeOffset?> CreateDueRunsAsync(LoadedDag dag, DagRecord record, CancellationToken cancellationToken)
    {
        Scheduling.DataInterval? last = record.LastAutomatedIntervalStart is { } s && record.LastAutomatedIntervalEnd is { } e ? new(s, e) : null;
        while (true)
        {
            var now = time.GetUtcNow();
            var next = dag.Timetable.NextDagRunInfo(last, dag.Restriction, now);
            if (next is null) return null;
            if (next.RunAfter > now) return next.RunAfter;
            if (await store.CountActiveRunsAsync(dag.DagId, cancellationToken) >= dag.Definition.MaxActiveRuns) return null;
            var created = await runs.CreateScheduledAsync(dag, next, cancellationToken);
            if (created is null) return null; // Another scheduler created it first; its bookmark moves with it.
            LogRunCreated(logger, dag.DagId, created.RunId);
            Diagnostics.CodeFirstMetrics.RunsCreated.Add(1, new KeyValuePair<string, object?>("dag_id", dag.DagId), new KeyValuePair<string, object?>("run_type", "scheduled"));
            last = next.DataInterval;
        }
    }

    private async Task StartQueuedRunsAsync(IReadOnlyDictionary<string, DagRecord> records, CancellationToken cancellationToken)
    {
        var running = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in await store.ListQueuedRunsAsync(cancellationToken))
        {
            if (dags.Find(run.DagId) is not { } dag) continue;
            if (records.TryGetValue(run.DagId, out var record) && record.IsPaused) continue;
            if (run.RunType == DagRunType.Backfill)
            {
                // Backfill runs are created only while their backfill has room (its own max active runs).
                await StartRunAsync(dag, run, cancellationToken);
                continue;
            }
            if (!running.TryGetValue(run.DagId, out var count))
                count = await store.CountRunningRunsAsync(run.DagId, cancellationToken);
            if (count >= dag.Definition.MaxActiveRuns) continue;
            await StartRunAsync(dag, run, cancellationToken);
            running[run.DagId] = count + 1;
        }
    }

    private async Task SyncAssetReferencesAsync(CancellationToken cancellationToken)
    {
        if (_assetReferencesSynced || store is not IAssetStore assets) return;
        await assets.SyncAssetReferencesAsync(
            dags.Dags.Select(d => (d.DagId, (IReadOnlyList<string>)(d.Assets?.Uris.ToArray() ?? []))).ToArray(), cancellationToken);
        _assetReferencesSynced = true;
    }

    // Airflow: once the condition holds over the assets updated since the last asset-triggered run,
    // one run consumes every queued event, however many updates came in between.
    private async Task CreateAssetTriggeredRunAsync(LoadedDag dag, CancellationToken cancellationToken)
    {
        if (dag.Assets is not { } condition || store is not IAssetStore assets) return;
        var queued = await assets.ListQueuedAssetEventsAsync(dag.DagId, cancellationToken);
        if (perEventRuns is not null && queued.Count > 0)
        {
            (queued, var perEvent) = await perEventRuns.CreateAsync(dag, condition, assets, queued, cancellationToken);
            foreach (var run in perEvent) LogRunCreated(logger, dag.DagId, run.RunId);
        }
        if (queued.Count == 0 || !condition.Evaluate(queued.Select(e => e.Uri).ToHashSet(StringComparer.Ordinal))) return;
        if (await runs.CreateAssetTriggeredAsync(dag, assets, queued, cancellationToken) is { } created)
            LogRunCreated(logger, dag.DagId, created.RunId);
    }

    private static readonly TaskInstanceState[] Unfinished = Enum.GetValues<TaskInstanceState>().Where(s => !s.IsFinished()).ToArray();

    // Airflow's dagrun_timeout: unfinished task instances are skipped and the run fails.
    private async Task FailTimedOutRunsAsync(CancellationToken cancellationToken)
    {
        foreach (var dag in dags.Dags)
        {
            if (dag.Definition.DagRunTimeout is not { } timeout) continue;
            var now = time.GetUtcNow();
            foreach (var run in await store.ListRunsAsync(dag.DagId, DagRunState.Running, int.MaxValue, cancellationToken))
            {
                if (run.StartDate is not { } started || started + timeout > now) continue;
                var skipped = new List<string>();
                await using (var tx = await store.BeginRunTransactionAsync(run.Id, cancellationToken))
                {
                    foreach (var (taskId, state) in await tx.GetTaskStatesAsync(cancellationToken))
                    {
                        // No map index: every unfinished instance of a mapped task is skipped with the others.
                        if (!state.IsFinished() && await tx.TransitionAsync(taskId, Unfinished, TaskInstanceState.Skipped, new TaskTransition(now) { Ends = true }, cancellationToken))
                            skipped.Add(taskId);
                    }
                    if (!await tx.SetRunStateAsync(DagRunState.Running, DagRunState.Failed, now, cancellationToken)) continue;
                    await tx.CommitAsync(cancellationToken);
                }
                LogRunTimedOut(logger, dag.DagId, run.RunId, timeout);
                foreach (var taskId in skipped) events.Raise(new TaskInstanceChange(dag.DagId, run.RunId, taskId, TaskInstanceState.Skipped, 0, 0, "dagrun_timeout"));
                events.Raise(new DagRunChange(dag.DagId, run.RunId, DagRunState.Failed));
                // Airflow calls the DAG's on_failure_callback with reason "timed_out".
                if (callbacks is not null) await callbacks.RunFinishedAsync(dag.Definition, run.RunId, DagRunState.Failed, CancellationToken.None);
            }
        }
    }

    public async Task StartRunAsync(LoadedDag dag, DagRunRecord run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        RunAdvancer.Outcome outcome;
        await using (var tx = await store.BeginRunTransactionAsync(run.Id, cancellationToken))
        {
            var (started, instances) = await tx.SetRunStateAndReadInstancesAsync(DagRunState.Queued, DagRunState.Running, now, cancellationToken);
            if (!started) return;
            outcome = await RunAdvancer.EvaluateWaitingAsync(tx, store, dag, now, cancellationToken, instances);
            await tx.CommitAsync(cancellationToken);
        }
        // Its data interval ends at the latest event it consumed: the one that completed its condition.
        if (run.RunType == DagRunType.AssetTriggered)
            Diagnostics.CodeFirstMetrics.AssetEventToRunLatency.Record(Math.Max(0, (now - run.DataIntervalEnd).TotalSeconds), new KeyValuePair<string, object?>("dag_id", run.DagId));
        events.Raise(new DagRunChange(run.DagId, run.RunId, DagRunState.Running));
        foreach (var change in outcome.Changed) events.Raise(change.ToEvent(run.DagId, run.RunId));
        if (outcome.RunFinished is { } final) events.Raise(new DagRunChange(run.DagId, run.RunId, final));
        if (outcome.Queued > 0) work.Set();
        // A run can end right here, e.g. when what its finished branches decided skips every waiting task.
        if (outcome.RunFinished is { } ended && callbacks is not null)
            await callbacks.RunFinishedAsync(dag.Definition, run.RunId, ended, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduling loop failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created pool '{Pool}' with {Slots} slots for the DAGs that name it; resize it with 'pools set'")]
    private static partial void LogPoolCreated(ILogger logger, string pool, int slots);
    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {DagId}/{RunId} exceeded its timeout of {Timeout} and failed")]
    private static partial void LogRunTimedOut(ILogger logger, string dagId, string runId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created run {DagId}/{RunId}")]
    private static partial void LogRunCreated(ILogger logger, string dagId, string runId);
}
