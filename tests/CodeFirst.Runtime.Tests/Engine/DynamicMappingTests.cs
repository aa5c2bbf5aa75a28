using System.Collections.Concurrent;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Operations;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

/// <summary>Dynamic task mapping at run time: expansion, limits, per-index retries and clears, collection, trigger rules.</summary>
public sealed class DynamicMappingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // files -> process (mapped over files, with a constant from rate) -> summary (collects process).
    private static DagDefinition Pipeline(string[] files, Func<TaskInvocation, string?>? process = null, TriggerRule summaryRule = TriggerRule.AllSuccess,
        int retries = 0, int? maxMapLength = null, string? filesJson = null) => Of("mapping",
        Task("files", i => filesJson ?? i.Serialize(files)),
        Task("rate", i => i.Serialize(10)),
        Task("process", process ?? (i => i.Serialize($"{i.GetMappedInput<string>("files")}x{i.GetInput<int>("rate")}@{i.Context.MapIndex}")),
            inputs: ["files", "rate"], retries: retries, mapOver: "files", maxMapLength: maxMapLength),
        Task("summary", i => i.Serialize(i.GetInput<System.Text.Json.JsonElement>("process")), inputs: ["process"], rule: summaryRule));

    [Fact]
    public async Task Run_ListOfThree_ExpandsIntoMapIndicesWithConstantsAndCollectsInMapIndexOrder()
    {
        // Instance 0 finishes last, so an order by completion would differ from map-index order.
        var lastDone = new ManualResetEventSlim();
        var dag = Pipeline(["a", "b", "c"], i =>
        {
            if (i.Context.MapIndex == 0) Assert.True(lastDone.Wait(Timeout));
            var value = i.Serialize($"{i.GetMappedInput<string>("files")}x{i.GetInput<int>("rate")}@{i.Context.MapIndex}");
            if (i.Context.MapIndex == 2) lastDone.Set();
            return value;
        });
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("mapping");

        Assert.Equal(DagRunState.Success, run.State);
        var instances = await harness.InstancesAsync(run, "process");
        Assert.Equal([(0, TaskInstanceState.Success, 1), (1, TaskInstanceState.Success, 1), (2, TaskInstanceState.Success, 1)],
            instances.Select(i => (i.MapIndex, i.State, i.TryNumber)));
        Assert.Equal("\"bx10@1\"", await harness.Store.GetXComAsync(run.Id, "process", 1, XComJson.ReturnValueKey, default));
        Assert.Equal("""["ax10@0","bx10@1","cx10@2"]""", await harness.Store.GetXComAsync(run.Id, "summary", XComJson.ReturnValueKey, default));
        Assert.Equal(-1, Assert.Single(await harness.InstancesAsync(run, "summary")).MapIndex);
    }

    [Fact]
    public async Task Run_EmptyList_SkipsTheMappedTaskAndItsAllSuccessDownstream()
    {
        var ran = 0;
        await using var harness = new EngineHarness([Pipeline([], _ => { Interlocked.Increment(ref ran); return null; })]);

        var run = await harness.RunAsync("mapping");

        Assert.Equal(DagRunState.Success, run.State);
        var process = Assert.Single(await harness.InstancesAsync(run, "process"));
        Assert.Equal((-1, TaskInstanceState.Skipped, 0), (process.MapIndex, process.State, process.TryNumber));
        Assert.Equal(TaskInstanceState.Skipped, Assert.Single(await harness.InstancesAsync(run, "summary")).State);
        Assert.Contains("empty list", Assert.Single(await harness.Store.GetLogAsync(run.Id, "process", -1, 0, default)).Message, StringComparison.Ordinal);
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task Run_ListLongerThanTheEngineLimit_FailsTheMappedTaskWithTheReason()
    {
        await using var harness = new EngineHarness([Pipeline(["a", "b", "c"])], options: new EngineOptions { Concurrency = 4, MaxMapLength = 2 });
        var errors = new ConcurrentQueue<string>();
        harness.Engine.Events.TaskInstanceChanged += change =>
        {
            if (change is { TaskId: "process", State: TaskInstanceState.Failed, Error: { } error }) errors.Enqueue(error);
        };

        var run = await harness.RunAsync("mapping");

        Assert.Equal(DagRunState.Failed, run.State);
        Assert.Equal(TaskInstanceState.Failed, Assert.Single(await harness.InstancesAsync(run, "process")).State);
        Assert.Equal(TaskInstanceState.UpstreamFailed, Assert.Single(await harness.InstancesAsync(run, "summary")).State);
        var reason = Assert.Single(errors);
        Assert.Contains("3 instances", reason, StringComparison.Ordinal);
        Assert.Contains("map limit of 2 (EngineOptions.MaxMapLength)", reason, StringComparison.Ordinal);
        Assert.Equal(reason, Assert.Single(await harness.Store.GetLogAsync(run.Id, "process", -1, 0, default)).Message);
    }

    [Fact]
    public async Task Run_TaskMaxMapLength_WinsOverTheEngineLimit()
    {
        await using var low = new EngineHarness([Pipeline(["a", "b", "c"], maxMapLength: 2)]);
        await using var high = new EngineHarness([Pipeline(["a", "b", "c"], maxMapLength: 5)], options: new EngineOptions { Concurrency = 4, MaxMapLength = 2 });

        var failed = await low.RunAsync("mapping");
        var succeeded = await high.RunAsync("mapping");

        Assert.Equal((DagRunState.Failed, DagRunState.Success), (failed.State, succeeded.State));
        Assert.Contains("its MaxMapLength", Assert.Single(await low.Store.GetLogAsync(failed.Id, "process", -1, 0, default)).Message, StringComparison.Ordinal);
        Assert.Equal(3, (await high.InstancesAsync(succeeded, "process")).Count);
    }

    [Fact]
    public async Task Run_UpstreamReturnsNoList_FailsTheMappedTask()
    {
        await using var harness = new EngineHarness([Pipeline([], filesJson: "42")]);

        var run = await harness.RunAsync("mapping");

        Assert.Equal(DagRunState.Failed, run.State);
        Assert.Contains("not a list", Assert.Single(await harness.Store.GetLogAsync(run.Id, "process", -1, 0, default)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OneInstanceFailsOnce_OnlyThatIndexIsRetriedAndLogsArePerIndex()
    {
        var dag = Pipeline(["a", "b", "c"], i =>
        {
            i.Logger.LogInformationLine($"index {i.Context.MapIndex} try {i.Context.TryNumber}");
            return i.Context.MapIndex == 1 && i.Context.TryNumber == 1 ? throw new InvalidOperationException("b is flaky") : i.Serialize(i.Context.MapIndex);
        }, retries: 1);
        await using var harness = new EngineHarness([dag], options: new EngineOptions { Concurrency = 4, RetryDelayOverride = TimeSpan.Zero });

        var run = await harness.RunAsync("mapping");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal([1, 2, 1], (await harness.InstancesAsync(run, "process")).Select(i => i.TryNumber));
        var firstTry = await harness.Store.GetLogAsync(run.Id, "process", 1, 1, default);
        Assert.Contains(firstTry, l => l.Level == "Error" && l.Message.Contains("b is flaky", StringComparison.Ordinal));
        Assert.Contains(await harness.Store.GetLogAsync(run.Id, "process", 1, 2, default), l => l.Message == "index 1 try 2");
        Assert.DoesNotContain(await harness.Store.GetLogAsync(run.Id, "process", 0, 1, default), l => l.Level == "Error");
        Assert.Equal("[0,1,2]", await harness.Store.GetXComAsync(run.Id, "summary", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task Run_OneInstanceFails_DownstreamRulesSeeEveryInstance()
    {
        var dag = Of("rules",
            Task("files", i => i.Serialize(new[] { "a", "b", "c" })),
            Task("process", i => i.Context.MapIndex == 1 ? throw new InvalidOperationException("bad file") : i.Serialize(i.GetMappedInput<string>("files")),
                inputs: ["files"], mapOver: "files"),
            Task("strict", _ => null, upstream: ["process"]),
            Task("collect", i => i.Serialize(i.GetInput<string[]>("process")), inputs: ["process"], rule: TriggerRule.AllDone),
            Task("alert", _ => null, upstream: ["process"], rule: TriggerRule.OneFailed));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("rules");

        Assert.Equal(DagRunState.Failed, run.State);
        Assert.Equal([TaskInstanceState.Success, TaskInstanceState.Failed, TaskInstanceState.Success],
            (await harness.InstancesAsync(run, "process")).Select(i => i.State));
        Assert.Equal(TaskInstanceState.UpstreamFailed, Assert.Single(await harness.InstancesAsync(run, "strict")).State);
        Assert.Equal(TaskInstanceState.Success, Assert.Single(await harness.InstancesAsync(run, "alert")).State);
        // Airflow's lazy sequence: the failed instance stored no value, so it is left out.
        Assert.Equal("""["a","c"]""", await harness.Store.GetXComAsync(run.Id, "collect", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task Run_MappedLeafWithOneFailedInstance_FailsTheRun()
    {
        var dag = Of("leaf",
            Task("files", i => i.Serialize(new[] { 1, 2 })),
            Task("process", i => i.GetMappedInput<int>("files") == 2 ? throw new InvalidOperationException("two") : null, inputs: ["files"], mapOver: "files"));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("leaf");

        Assert.Equal(DagRunState.Failed, run.State);
    }

    [Fact]
    public async Task Clear_OneMapIndex_RerunsOnlyThatInstance()
    {
        var calls = new ConcurrentDictionary<int, int>();
        await using var harness = new EngineHarness([Pipeline(["a", "b", "c"], i =>
        {
            var call = calls.AddOrUpdate(i.Context.MapIndex, 1, (_, n) => n + 1);
            return i.Serialize($"{i.Context.MapIndex}#{call}");
        })]);
        var run = await harness.RunAsync("mapping");
        Assert.Equal(DagRunState.Success, run.State);

        IReadOnlyList<AffectedTaskInstance> cleared = [];
        var rerun = await harness.RerunAsync(run, async () => cleared = await harness.Engine.Operations.ClearAsync(
            new ClearRequest("mapping") { RunId = run.RunId, TaskIds = ["process"], MapIndexes = [1], IncludeDownstream = true }, default));

        Assert.Equal([("process", 1), ("summary", -1)], cleared.Select(c => (c.TaskId, c.MapIndex)).Order());
        Assert.Equal(DagRunState.Success, rerun.State);
        Assert.Equal([1, 2, 1], (await harness.InstancesAsync(rerun, "process")).Select(i => i.TryNumber));
        Assert.Equal((1, 2, 1), (calls[0], calls[1], calls[2]));
        Assert.Equal("""["0#1","1#2","2#1"]""", await harness.Store.GetXComAsync(run.Id, "summary", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task Mark_OneMapIndexFailed_FailsTheRunFromThatInstanceAlone()
    {
        await using var harness = new EngineHarness([Pipeline(["a", "b"])]);
        var run = await harness.RunAsync("mapping");

        var marked = await harness.Engine.Operations.MarkAsync(
            new MarkRequest("mapping", run.RunId, "process", TaskInstanceState.Failed) { MapIndexes = [0] }, default);

        Assert.Equal(0, Assert.Single(marked).MapIndex);
        Assert.Equal([TaskInstanceState.Failed, TaskInstanceState.Success], (await harness.InstancesAsync(run, "process")).Select(i => i.State));
    }
}
