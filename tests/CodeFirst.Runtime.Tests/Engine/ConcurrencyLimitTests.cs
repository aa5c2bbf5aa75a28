using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;

namespace CodeFirst.Runtime.Tests.Engine;

/// <summary>Pools, MaxActiveTasks, parallelism and queues as a running engine applies them.</summary>
public sealed class ConcurrencyLimitTests
{
    private sealed class Gauge
    {
        private int _now;
        public int Max;

        public async ValueTask<string?> RunAsync()
        {
            var now = Interlocked.Increment(ref _now);
            InterlockedMax(now);
            await Task.Delay(50);
            Interlocked.Decrement(ref _now);
            return null;
        }

        private void InterlockedMax(int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref Max)) && Interlocked.CompareExchange(ref Max, value, seen) != seen) { }
        }
    }

    private static DagDefinition Parallel(string dagId, Gauge gauge, int count, string pool = TaskDefinition.DefaultPool, int maxActiveTasks = 16, string queue = TaskDefinition.DefaultQueue) => new()
    {
        DagId = dagId,
        MaxActiveTasks = maxActiveTasks,
        Tasks = Enumerable.Range(0, count).Select(i => new TaskDefinition
        {
            TaskId = $"t{i}", MethodName = "t", Pool = pool, Queue = queue, Invoke = _ => gauge.RunAsync(),
        }).ToArray(),
    };

    [Fact]
    public async Task Run_PoolWithOneSlot_RunsItsTasksOneAtATime()
    {
        var gauge = new Gauge();
        await using var harness = new EngineHarness([Parallel("pooled", gauge, 5, pool: "db")], options: new EngineOptions { Concurrency = 4 });
        await harness.PrepareAsync();
        await harness.Store.SetPoolAsync("db", 1, "one connection", default);

        var run = await harness.RunAsync("pooled");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal(1, gauge.Max);
    }

    [Fact]
    public async Task Run_UnknownPool_FailsTheTaskWithAClearError()
    {
        await using var harness = new EngineHarness([Parallel("ghost", new Gauge(), 1, pool: "nope")]);

        var run = await harness.RunAsync("ghost");

        Assert.Equal(DagRunState.Failed, run.State);
        var log = await harness.Store.GetLogAsync(run.Id, "t0", 1, default);
        Assert.Contains(log, l => l.Message.Contains("Pool 'nope' does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_MaxActiveTasks_LimitsRunningInstancesOfTheDag()
    {
        var gauge = new Gauge();
        await using var harness = new EngineHarness([Parallel("limited", gauge, 6, maxActiveTasks: 2)], options: new EngineOptions { Concurrency = 4 });

        var run = await harness.RunAsync("limited");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal(2, gauge.Max);
    }

    [Fact]
    public async Task Run_Parallelism_LimitsRunningInstancesOverall()
    {
        var gauge = new Gauge();
        await using var harness = new EngineHarness([Parallel("wide", gauge, 6)], options: new EngineOptions { Concurrency = 4, Parallelism = 1 });

        var run = await harness.RunAsync("wide");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal(1, gauge.Max);
    }

    [Fact]
    public async Task Worker_OtherQueueOnly_LeavesTheTaskQueued()
    {
        await using var harness = new EngineHarness([Parallel("gpu_dag", new Gauge(), 1, queue: "gpu")], options: new EngineOptions { Concurrency = 2, Queues = ["cpu"] });
        await harness.StartWorkerAsync();
        var run = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("gpu_dag"), null, null, null, default);
        await harness.Engine.StartRunAsync(run, default);

        await Task.Delay(300);

        Assert.Equal(TaskInstanceState.Queued, (await harness.TaskInstancesAsync(run))["t0"].State);
    }
}
