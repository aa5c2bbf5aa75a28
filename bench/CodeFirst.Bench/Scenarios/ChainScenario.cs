using System.Diagnostics;
using CodeFirst.Bench.Support;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;

namespace CodeFirst.Bench.Scenarios;

/// <summary>
/// N sequential no-op tasks. Hop = next task's start − previous task's end, stamped inside the
/// tasks; percentiles pool every hop of the timed runs; run_ms is the median over runs. The timed runs follow
/// an untimed warm-up (<see cref="WarmUp"/>).
/// </summary>
internal static class ChainScenario
{
    public static async Task<ResultLine> RunAsync(BenchArgs args, DbTarget db, CancellationToken cancellationToken)
    {
        var tasks = args.Int("tasks", 100);
        var repeat = args.Int("repeat", 5);
        var concurrency = args.Int("concurrency", Environment.ProcessorCount * 2);
        var warmupSeconds = WarmUp.Seconds(args);
        var profile = args.Flag("profile");
        args.EnsureAllRead();
        if (tasks < 2) throw new BenchException("--tasks must be at least 2 for a chain.");

        var stamps = new ChainStamps(tasks);
        var dag = NoopDags.Chain("bench_chain", tasks, stamps);
        var options = new EngineOptions { Concurrency = concurrency };
        var loadBefore = MachineLoad.OneMinute();
        var warmupRuns = await WarmUp.RunAsync(db, "chain", dag, options, warmupSeconds, async (warm, ct) =>
        {
            await RunOnceAsync(warm, stamps, ct);
            return 1;
        }, cancellationToken);

        var counting = profile ? new CountingStore(StoreFactory.Create(db)) : null;
        await using var host = new EngineHost(counting ?? StoreFactory.Create(db), [dag], options);
        await host.PrepareAsync(cancellationToken);
        host.StartWorker();

        await RunOnceAsync(host, stamps, cancellationToken); // this store's connections and (SQLite) page cache
        counting?.Reset();

        var hops = new List<double>();
        var runMs = new List<double>();
        var runHopP50 = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var (ms, runHops) = await RunOnceAsync(host, stamps, cancellationToken);
            runMs.Add(ms);
            hops.AddRange(runHops);
            runHopP50.Add(Stats.Median(runHops.ToArray()));
        }

        var line = new ResultLine("chain", db.Label)
            .Add("tasks", tasks)
            .Add("repeat", repeat)
            .Add("concurrency", concurrency)
            .Add("method", "hop = next task start - previous task end (Stopwatch inside the tasks); hop percentiles pool all hops of the timed runs; run_ms = median run (trigger to success event); untimed warm-up runs on a throwaway store, then 1 on this one")
            .Add("warmup_s", warmupSeconds)
            .Add("warmup_runs", warmupRuns)
            .Add("hops_pooled", hops.Count)
            .Add("hop_p50_ms", Stats.Percentile(hops, 50))
            .Add("hop_p90_ms", Stats.Percentile(hops, 90))
            .Add("hop_p99_ms", Stats.Percentile(hops, 99))
            .Add("hop_max_ms", hops.Max())
            .Add("hop_mean_ms", hops.Average())
            .Add("run_ms", Stats.Median(runMs))
            .Add("run_ms_all", runMs.Select(m => Math.Round(m, 1)).ToArray())
            .Add("hop_p50_ms_per_run", runHopP50.Select(m => Math.Round(m, 3)).ToArray())
            .Add("load_1m_before", loadBefore)
            .Add("load_1m_after", MachineLoad.OneMinute());
        if (counting is not null) line.Add("profile", Profile.PerTaskInstance(counting, tasks * repeat));
        return line;
    }

    private static async Task<(double RunMs, IReadOnlyList<double> Hops)> RunOnceAsync(EngineHost host, ChainStamps stamps, CancellationToken cancellationToken)
    {
        stamps.Reset();
        var started = Stopwatch.GetTimestamp();
        var finished = await host.TriggerAndStartAsync("bench_chain", cancellationToken);
        var state = await finished;
        var ended = Stopwatch.GetTimestamp();
        if (state != DagRunState.Success) throw new BenchException($"The chain run ended {state}.");
        return (Stats.Ms(started, ended), stamps.Hops());
    }
}
