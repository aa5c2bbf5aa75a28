using System.Diagnostics;
using CodeFirst.Bench.Support;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;

namespace CodeFirst.Bench.Scenarios;

/// <summary>
/// R runs of T independent no-op tasks, all triggered at once: task instances per second from the
/// first trigger to the last run's success (creating the runs is inside the timed span).
/// </summary>
internal static class WideScenario
{
    public static async Task<ResultLine> RunAsync(BenchArgs args, DbTarget db, CancellationToken cancellationToken)
    {
        var runs = args.Int("runs", 100);
        var tasks = args.Int("tasks", 100);
        var concurrency = args.Int("concurrency", Environment.ProcessorCount * 2);
        var profile = args.Flag("profile");
        args.EnsureAllRead();

        var dag = NoopDags.Wide("bench_wide", tasks);
        var counting = profile ? new CountingStore(StoreFactory.Create(db)) : null;
        // Parallelism (32 by default, Airflow's core.parallelism) would cap the worker below --concurrency: it follows it here.
        await using var host = new EngineHost(counting ?? StoreFactory.Create(db), [dag], new EngineOptions { Concurrency = concurrency, Parallelism = concurrency });
        await host.PrepareAsync(cancellationToken);
        host.StartWorker();

        var loadBefore = MachineLoad.OneMinute();
        if (await await host.TriggerAndStartAsync("bench_wide", cancellationToken) != DagRunState.Success) // warm-up
            throw new BenchException("The warm-up run failed.");
        counting?.Reset();

        var cpuBefore = CpuTime();
        var started = Stopwatch.GetTimestamp();
        var pending = new List<Task<DagRunState>>(runs);
        for (var i = 0; i < runs; i++) pending.Add(await host.TriggerAndStartAsync("bench_wide", cancellationToken));
        var triggered = Stopwatch.GetTimestamp();
        var states = await Task.WhenAll(pending);
        var ended = Stopwatch.GetTimestamp();
        var cpuMs = (CpuTime() - cpuBefore).TotalMilliseconds;
        if (states.Any(s => s != DagRunState.Success)) throw new BenchException("A wide run did not succeed.");

        var elapsedMs = Stats.Ms(started, ended);
        var instances = runs * tasks;
        var line = new ResultLine("wide", db.Label)
            .Add("runs", runs)
            .Add("tasks", tasks)
            .Add("concurrency", concurrency)
            .Add("task_instances", instances)
            .Add("elapsed_ms", elapsedMs)
            .Add("trigger_ms", Stats.Ms(started, triggered))
            .Add("tasks_per_s", instances / (elapsedMs / 1000.0))
            .Add("cpu_ms", cpuMs)
            .Add("cpu_us_per_ti", cpuMs * 1000.0 / instances)
            .Add("load_1m_before", loadBefore)
            .Add("load_1m_after", MachineLoad.OneMinute());
        if (counting is not null) line.Add("profile", Profile.PerTaskInstance(counting, instances));
        return line;
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
