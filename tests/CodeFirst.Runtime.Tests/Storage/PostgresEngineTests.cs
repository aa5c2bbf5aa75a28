using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>The engine end to end on the PostgreSQL store.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEngineTests(PostgresServer server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static int _nextSchema;

    [Fact]
    public async Task Run_ChainWithXCom_PassesValuesDownstreamAndSucceeds()
    {
        var dag = Of("chain",
            Task("extract", i => i.Serialize(new[] { 1, 2, 3 })),
            Task("transform", i => i.Serialize(i.GetInput<int[]>("extract").Sum() * 10), inputs: ["extract"]),
            Task("load", i => i.Serialize($"loaded {i.GetInput<int>("transform")} for {i.Context.RunId}"), inputs: ["transform"]));
        await using var harness = await HarnessAsync(dag);
        var engine = await harness.StartProcessAsync(new EngineOptions { Concurrency = 4 });

        var run = await PostgresEngineHarness.RunAsync(engine, "chain");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.All(await engine.Store.ListTaskInstancesAsync(run.Id, default), ti => Assert.Equal(TaskInstanceState.Success, ti.State));
        Assert.Equal("60", await engine.Store.GetXComAsync(run.Id, "transform", XComJson.ReturnValueKey, default));
        Assert.Equal($"\"loaded 60 for {run.RunId}\"", await engine.Store.GetXComAsync(run.Id, "load", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task Run_WideRunsFinishingTogether_EveryResultRecordedAndEachRunEndsOnce()
    {
        // 60 leaf tasks per run finish in groups that share a transaction (their transitions sent together).
        var tasks = Enumerable.Range(0, 60).Select(n => Task($"t{n}", i => n == 59 && i.Context.RunId.EndsWith("fails", StringComparison.Ordinal)
            ? throw new InvalidOperationException("boom") : i.Serialize(n))).ToArray();
        var dag = Of("wide", tasks);
        await using var harness = await HarnessAsync(dag);
        var engine = await harness.StartProcessAsync(new EngineOptions { Concurrency = 32, Parallelism = 0 });
        var ended = new System.Collections.Concurrent.ConcurrentBag<string>();
        engine.Events.DagRunChanged += change => { if (change.State is DagRunState.Success or DagRunState.Failed) ended.Add(change.RunId); };

        var runs = await System.Threading.Tasks.Task.WhenAll(
            PostgresEngineHarness.RunAsync(engine, "wide"), PostgresEngineHarness.RunAsync(engine, "wide"), PostgresEngineHarness.RunAsync(engine, "wide", runId: "wide_fails"));

        Assert.Equal([DagRunState.Success, DagRunState.Success, DagRunState.Failed], runs.Select(r => r.State));
        foreach (var run in runs.Take(2))
        {
            Assert.All(await engine.Store.ListTaskInstancesAsync(run.Id, default), ti => Assert.Equal((TaskInstanceState.Success, 1), (ti.State, ti.TryNumber)));
            Assert.Equal("42", await engine.Store.GetXComAsync(run.Id, "t42", XComJson.ReturnValueKey, default));
        }
        Assert.Equal(TaskInstanceState.Failed, (await engine.Store.ListTaskInstancesAsync(runs[2].Id, default)).Single(t => t.TaskId == "t59").State);
        Assert.Equal(runs.Select(r => r.RunId).Order(), ended.Order());
    }

    [Fact]
    public async Task Run_MappedTask_ExpandsRunsEachIndexAndCollectsInOrder()
    {
        var dag = Of("mapped",
            Task("files", i => i.Serialize(new[] { "a", "b", "c", "d" })),
            Task("process", i => i.Serialize($"{i.GetMappedInput<string>("files")}{i.Context.MapIndex}"), inputs: ["files"], mapOver: "files"),
            Task("collect", i => i.Serialize(string.Join(",", i.GetInput<string[]>("process"))), inputs: ["process"]));
        await using var harness = await HarnessAsync(dag);
        var engine = await harness.StartProcessAsync(new EngineOptions { Concurrency = 4 });

        var run = await PostgresEngineHarness.RunAsync(engine, "mapped");

        Assert.Equal(DagRunState.Success, run.State);
        var process = (await engine.Store.ListTaskInstancesAsync(run.Id, default)).Where(t => t.TaskId == "process").ToList();
        Assert.Equal([0, 1, 2, 3], process.Select(t => t.MapIndex));
        Assert.Equal("\"a0,b1,c2,d3\"", await engine.Store.GetXComAsync(run.Id, "collect", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task Run_TwoWorkerProcessesWithoutPolling_BothWokenByNotifyAndRunSucceeds()
    {
        // Both branches wait for each other, so with one slot per process each process must run
        // one; polling is off (an hour), so the idle process can only learn of the work by NOTIFY.
        var started = 0;
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? Branch(CodeFirst.Definitions.TaskInvocation i)
        {
            if (Interlocked.Increment(ref started) == 2) bothStarted.TrySetResult();
            bothStarted.Task.Wait(Timeout);
            return i.Serialize(i.Context.TaskId);
        }
        var dag = Of("fan",
            Task("left", Branch),
            Task("right", Branch),
            Task("join", i => i.Serialize(i.GetInput<string>("left") + "+" + i.GetInput<string>("right")), inputs: ["left", "right"]));
        await using var harness = await HarnessAsync(dag);
        var options = () => new EngineOptions { Concurrency = 1, PollInterval = TimeSpan.FromHours(1) };
        var first = await harness.StartProcessAsync(options());
        await harness.StartProcessAsync(options());

        var run = await PostgresEngineHarness.RunAsync(first, "fan");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.True(bothStarted.Task.IsCompletedSuccessfully);
        Assert.Equal("\"left+right\"", await first.Store.GetXComAsync(run.Id, "join", XComJson.ReturnValueKey, default));
    }

    private async Task<PostgresEngineHarness> HarnessAsync(CodeFirst.Definitions.DagDefinition dag) =>
        new(await server.GetDatabaseAsync(nameof(PostgresEngineTests)), $"engine_{Interlocked.Increment(ref _nextSchema)}", [dag]);
}
