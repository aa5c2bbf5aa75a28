using System.Diagnostics;
using CodeFirst.Bench.Support;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CodeFirst.Bench.Scenarios;

/// <summary>
/// N DAGs on <c>* * * * *</c> (catchup off, one task each, no worker running): wall and CPU time of
/// <c>SchedulePassAsync</c> when the fake clock moved one minute (every DAG due: N runs created and
/// started) and when it moved one second (nothing due: the fixed cost of a pass).
/// </summary>
internal static class SchedulerScenario
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 30, TimeSpan.Zero);

    public static async Task<ResultLine> RunAsync(BenchArgs args, DbTarget db, CancellationToken cancellationToken)
    {
        var sizes = args.Ints("dags", [100, 500, 1000]);
        var passes = args.Int("passes", 5);
        args.EnsureAllRead();
        if (passes > 15) throw new BenchException("--passes must be at most 15: each DAG's MaxActiveRuns (16) would stop run creation.");

        // Warm-up at the smallest size so the first measured size does not pay for JIT tiering alone.
        var warm = db.Fresh("sched-warm");
        try { await MeasureAsync(warm, sizes.Min(), passes, cancellationToken); }
        finally { warm.Cleanup(); }

        var results = new List<Dictionary<string, object?>>();
        foreach (var size in sizes)
        {
            var target = db.Fresh($"sched{size}");
            try
            {
                results.Add(await MeasureAsync(target, size, passes, cancellationToken));
            }
            finally
            {
                target.Cleanup();
            }
        }
        return new ResultLine("scheduler", db.Label)
            .Add("passes", passes)
            .Add("method", "one untimed warm-up at the smallest size; median over passes; cpu = Process.TotalProcessorTime delta (whole process, SQLite is in-process)")
            .Add("results", results);
    }

    private static async Task<Dictionary<string, object?>> MeasureAsync(DbTarget db, int size, int passes, CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(Epoch);
        var dags = Enumerable.Range(0, size).Select(i => NoopDags.Wide($"bench_cron_{i:D4}", 1, "* * * * *")).ToArray();
        var store = StoreFactory.Create(db);
        var engine = new CodeFirstEngine(store, dags, new ServiceCollection().BuildServiceProvider(), new EngineOptions(), time);
        var started = 0;
        engine.Events.DagRunChanged += c => { if (c.State == DagRunState.Running) Interlocked.Increment(ref started); };
        try
        {
            await store.MigrateAsync(cancellationToken);
            await store.SyncDagsAsync(dags.Select(d => (d.DagId, false)).ToArray(), cancellationToken);
            await engine.SchedulePassAsync(cancellationToken); // the first runs (latest interval only: catchup off); also warms up

            var due = new List<(double Wall, double Cpu, int Started)>();
            var idle = new List<(double Wall, double Cpu, int Started)>();
            for (var i = 0; i < passes; i++)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                due.Add(await PassAsync(engine, () => Interlocked.Exchange(ref started, 0), cancellationToken));
                time.Advance(TimeSpan.FromSeconds(1));
                idle.Add(await PassAsync(engine, () => Interlocked.Exchange(ref started, 0), cancellationToken));
            }
            return new Dictionary<string, object?>
            {
                ["dags"] = size,
                ["due_pass_wall_ms"] = Round(Stats.Median(due.Select(d => d.Wall).ToArray())),
                ["due_pass_cpu_ms"] = Round(Stats.Median(due.Select(d => d.Cpu).ToArray())),
                ["due_pass_runs_started"] = due.Select(d => d.Started).ToArray(),
                ["due_wall_us_per_dag"] = Round(Stats.Median(due.Select(d => d.Wall).ToArray()) * 1000 / size),
                ["idle_pass_wall_ms"] = Round(Stats.Median(idle.Select(d => d.Wall).ToArray())),
                ["idle_pass_cpu_ms"] = Round(Stats.Median(idle.Select(d => d.Cpu).ToArray())),
                ["load_1m"] = MachineLoad.OneMinute(),
            };
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    private static async Task<(double Wall, double Cpu, int Started)> PassAsync(CodeFirstEngine engine, Func<int> takeStarted, CancellationToken cancellationToken)
    {
        takeStarted();
        var cpu = CpuTime();
        var wall = Stopwatch.GetTimestamp();
        await engine.SchedulePassAsync(cancellationToken);
        var wallMs = Stats.Ms(wall, Stopwatch.GetTimestamp());
        return (wallMs, (CpuTime() - cpu).TotalMilliseconds, takeStarted());
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Round(double value) => Math.Round(value, 3);
}
