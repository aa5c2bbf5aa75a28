using System.Diagnostics;
using CodeFirst.Bench.Support;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;

namespace CodeFirst.Bench.Scenarios;

/// <summary>
/// R runs of T independent no-op tasks, all triggered at once: task instances per second from the
/// first trigger to the last run's success (creating the runs is inside the timed span), after an untimed
/// warm-up of the same shape (<see cref="WarmUp"/>; <c>--warmup-seconds 0</c> measures a process just started).
/// </summary>
internal static class WideScenario
{
    private const string DagId = "bench_wide";

    public static async Task<ResultLine> RunAsync(BenchArgs args, DbTarget db, CancellationToken cancellationToken)
    {
        var runs = args.Int("runs", 100);
        var tasks = args.Int("tasks", 100);
        var concurrency = args.Int("concurrency", Environment.ProcessorCount * 2);
        var warmupSeconds = WarmUp.Seconds(args);
        var profile = args.Flag("profile");
        args.EnsureAllRead();

        var dag = NoopDags.Wide(DagId, tasks);
        // Parallelism (32 by default, Airflow's core.parallelism) would cap the worker below --concurrency: it follows it here.
        var options = new EngineOptions { Concurrency = concurrency, Parallelism = concurrency };
        var loadBefore = MachineLoad.OneMinute();
        var warmupRuns = await WarmUp.RunAsync(db, "wide", dag, options, warmupSeconds, async (warm, ct) =>
        {
            var (warmed, _) = await TriggerAllAsync(warm, runs, ct);
            return warmed.Any(s => s != DagRunState.Success) ? throw new BenchException("A warm-up run failed.") : runs;
        }, cancellationToken);

        var counting = profile ? new CountingStore(StoreFactory.Create(db)) : null;
        await using var host = new EngineHost(counting ?? StoreFactory.Create(db), [dag], options);
        await host.PrepareAsync(cancellationToken);
        host.StartWorker();
        if (await await host.TriggerAndStartAsync(DagId, cancellationToken) != DagRunState.Success) // this store's connections
            throw new BenchException("The first run failed.");
        counting?.Reset();

        var cpuBefore = CpuTime();
        var machineBefore = MachineLoad.BusyCpu();
        var started = Stopwatch.GetTimestamp();
        var (states, triggered) = await TriggerAllAsync(host, runs, cancellationToken);
        var ended = Stopwatch.GetTimestamp();
        var cpuMs = (CpuTime() - cpuBefore).TotalMilliseconds;
        var machineMs = MachineLoad.BusyCpu() - machineBefore is { } machine ? machine.TotalMilliseconds : (double?)null;
        if (states.Any(s => s != DagRunState.Success)) throw new BenchException("A wide run did not succeed.");

        var elapsedMs = Stats.Ms(started, ended);
        var instances = runs * tasks;
        var line = new ResultLine("wide", db.Label)
            .Add("runs", runs)
            .Add("tasks", tasks)
            .Add("concurrency", concurrency)
            .Add("warmup_s", warmupSeconds)
            .Add("warmup_runs", warmupRuns)
            .Add("task_instances", instances)
            .Add("elapsed_ms", elapsedMs)
            .Add("trigger_ms", Stats.Ms(started, triggered))
            .Add("tasks_per_s", instances / (elapsedMs / 1000.0))
            .Add("cpu_ms", cpuMs)
            .Add("cpu_us_per_ti", cpuMs * 1000.0 / instances)
            // Everything else that ran meanwhile: on an otherwise idle machine, the database server.
            .Add("other_cpu_us_per_ti", machineMs is { } busy ? Math.Max(0, busy - cpuMs) * 1000.0 / instances : null)
            .Add("load_1m_before", loadBefore)
            .Add("load_1m_after", MachineLoad.OneMinute());
        if (counting is not null) line.Add("profile", Profile.PerTaskInstance(counting, instances));
        return line;
    }

    /// <summary>Triggers and starts <paramref name="runs"/> runs one after another, then awaits them all; also returns when the last was triggered.</summary>
    private static async Task<(DagRunState[] States, long Triggered)> TriggerAllAsync(EngineHost host, int runs, CancellationToken cancellationToken)
    {
        var pending = new List<Task<DagRunState>>(runs);
        for (var i = 0; i < runs; i++) pending.Add(await host.TriggerAndStartAsync(DagId, cancellationToken));
        var triggered = Stopwatch.GetTimestamp();
        return (await Task.WhenAll(pending), triggered);
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
