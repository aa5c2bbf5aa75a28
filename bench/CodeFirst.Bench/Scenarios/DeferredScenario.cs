using System.Diagnostics;
using CodeFirst.Bench.Support;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Bench.Scenarios;

/// <summary>
/// N task instances defer to a trigger (one worker), then one triggerer claims and holds all N:
/// managed heap and working set of holding them; then the triggers fire at one moment: latency from
/// that moment to each resumed try starting, and to the last run's success.
/// </summary>
internal static class DeferredScenario
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<ResultLine> RunAsync(BenchArgs args, DbTarget db, CancellationToken cancellationToken)
    {
        var triggers = args.Int("triggers", 10_000);
        var tasks = args.Int("tasks", 100);
        args.EnsureAllRead();
        if (triggers % tasks != 0) throw new BenchException($"--triggers ({triggers}) must be a multiple of --tasks ({tasks}).");
        var resumed = new long[triggers];
        var next = -1;
        var dag = Dag(tasks, () => resumed[Interlocked.Increment(ref next)] = Stopwatch.GetTimestamp());

        var deferred = 0;
        var allDeferred = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = new EngineHost(StoreFactory.Create(db), [dag], new EngineOptions { Concurrency = 32, Parallelism = 0 });
        host.Engine.Events.TaskInstanceChanged += change =>
        {
            if (change.State == TaskInstanceState.Deferred && Interlocked.Increment(ref deferred) == triggers) allDeferred.TrySetResult();
        };
        await host.PrepareAsync(cancellationToken);
        host.StartWorker();
        var loadBefore = MachineLoad.OneMinute();
        var deferStarted = Stopwatch.GetTimestamp();
        var runs = new List<Task<DagRunState>>();
        for (var i = 0; i < triggers / tasks; i++) runs.Add(await host.TriggerAndStartAsync(dag.DagId, cancellationToken));
        await allDeferred.Task.WaitAsync(Timeout, cancellationToken);
        var deferMs = Stats.Ms(deferStarted, Stopwatch.GetTimestamp());

        // The triggerer is an engine of its own, as a `triggerer` process would be: what it allocates is what holding N costs.
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = WorkingSetMb();
        await using var services = new ServiceCollection().BuildServiceProvider();
        var triggerer = new CodeFirstEngine(host.Store, [dag], services, new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(100) });
        using var stop = new CancellationTokenSource();
        var claimStarted = Stopwatch.GetTimestamp();
        var running = triggerer.RunAsync(scheduler: false, worker: false, triggerer: true, stop.Token);
        // No event says "the triggerer holds N": poll its counter (a benchmark, not a test).
        while (triggerer.RunningTriggers < triggers)
        {
            if (Stats.Ms(claimStarted, Stopwatch.GetTimestamp()) > Timeout.TotalMilliseconds) throw new BenchException($"The triggerer holds only {triggerer.RunningTriggers} of {triggers} triggers.");
            await Task.Delay(20, cancellationToken);
        }
        var claimMs = Stats.Ms(claimStarted, Stopwatch.GetTimestamp());
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetAfter = WorkingSetMb();

        var opened = Stopwatch.GetTimestamp();
        GateTrigger.Open();
        var states = await Task.WhenAll(runs);
        var allDoneMs = Stats.Ms(opened, Stopwatch.GetTimestamp());
        await stop.CancelAsync();
        await running;
        if (states.Any(s => s != DagRunState.Success)) throw new BenchException("A deferred run did not succeed.");
        var latencies = resumed.Select(t => Stats.Ms(opened, t)).ToArray();

        return new ResultLine("deferred", db.Label)
            .Add("triggers", triggers)
            .Add("defer_ms", deferMs)
            .Add("triggerer_claim_ms", claimMs)
            .Add("heap_mb_held", (heapAfter - heapBefore) / 1024.0 / 1024.0)
            .Add("bytes_per_trigger", (heapAfter - heapBefore) / (double)triggers)
            .Add("working_set_mb_before", workingSetBefore)
            .Add("working_set_mb_holding", workingSetAfter)
            .Add("fire_to_resume_p50_ms", Stats.Median(latencies))
            .Add("fire_to_resume_p99_ms", Stats.Percentile(latencies, 99))
            .Add("fire_to_resume_max_ms", latencies.Max())
            .Add("fire_to_all_runs_done_ms", allDoneMs)
            .Add("load_1m_before", loadBefore)
            .Add("load_1m_after", MachineLoad.OneMinute());
    }

    /// <summary>Tasks that defer to the gate on their first try and call <paramref name="onResume"/> when they run again.</summary>
    private static DagDefinition Dag(int tasks, Action onResume) => new()
    {
        DagId = "bench_deferred",
        MaxActiveTasks = 100_000,
        Tasks = Enumerable.Range(0, tasks).Select(i => new TaskDefinition
        {
            TaskId = NoopDags.TaskId(i),
            MethodName = NoopDags.TaskId(i),
            Invoke = invocation =>
            {
                if (invocation.Context.TriggerEvent is null) throw new TaskDeferredException(new GateTrigger());
                onResume();
                return ValueTask.FromResult<string?>(null);
            },
        }).ToArray(),
    };

    private static double WorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }
}
