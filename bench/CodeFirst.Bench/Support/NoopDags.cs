using System.Diagnostics;
using CodeFirst.Definitions;

namespace CodeFirst.Bench.Support;

/// <summary>Hand-built DAGs of no-op tasks (as the runtime tests build them), so the generator is not involved.</summary>
internal static class NoopDags
{
    private static readonly TaskInvoker Noop = _ => ValueTask.FromResult<string?>(null);

    public static string TaskId(int index) => $"t{index:D4}";

    /// <summary>t0000 → t0001 → … ; each task stamps its start and end into <paramref name="stamps"/>.</summary>
    public static DagDefinition Chain(string dagId, int tasks, ChainStamps stamps) => new()
    {
        DagId = dagId,
        Tasks = Enumerable.Range(0, tasks).Select(i => new TaskDefinition
        {
            TaskId = TaskId(i),
            MethodName = TaskId(i),
            Upstream = i == 0 ? [] : [TaskId(i - 1)],
            Invoke = _ =>
            {
                stamps.Start[i] = Stopwatch.GetTimestamp();
                stamps.End[i] = Stopwatch.GetTimestamp();
                return ValueTask.FromResult<string?>(null);
            },
        }).ToArray(),
    };

    /// <summary><paramref name="tasks"/> independent no-op tasks.</summary>
    public static DagDefinition Wide(string dagId, int tasks, string? schedule = null) => new()
    {
        DagId = dagId,
        Schedule = schedule,
        // Airflow users raise max_active_tasks for throughput; the default (16) would cap every run of this one DAG together.
        MaxActiveTasks = 100_000,
        StartDate = schedule is null ? null : new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
        Catchup = false,
        Tasks = Enumerable.Range(0, tasks).Select(i => new TaskDefinition { TaskId = TaskId(i), MethodName = TaskId(i), Invoke = Noop }).ToArray(),
    };
}

/// <summary>Stopwatch timestamps taken inside the chain's tasks, one slot per task; reset before each run.</summary>
internal sealed class ChainStamps(int tasks)
{
    public long[] Start { get; } = new long[tasks];
    public long[] End { get; } = new long[tasks];

    public void Reset()
    {
        Array.Clear(Start);
        Array.Clear(End);
    }

    /// <summary>Next task's start − previous task's end, in milliseconds.</summary>
    public IReadOnlyList<double> Hops() =>
        Enumerable.Range(1, Start.Length - 1).Select(i => Stats.Ms(End[i - 1], Start[i])).ToArray();
}
