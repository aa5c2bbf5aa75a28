using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

public sealed class RunExecutionTests
{
    [Fact]
    public async Task Run_ChainWithXCom_PassesValuesDownstreamAndSucceeds()
    {
        var dag = Of("chain",
            Task("extract", i => i.Serialize(new[] { 1, 2, 3 })),
            Task("transform", i => i.Serialize(i.GetInput<int[]>("extract").Sum() * 10), inputs: ["extract"]),
            Task("load", i => i.Serialize($"loaded {i.GetInput<int>("transform")} for {i.Context.RunId}"), inputs: ["transform"]));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("chain");

        Assert.Equal(DagRunState.Success, run.State);
        var tis = await harness.TaskInstancesAsync(run);
        Assert.All(tis.Values, ti => Assert.Equal(TaskInstanceState.Success, ti.State));
        Assert.Equal("60", await harness.Store.GetXComAsync(run.Id, "transform", XComJson.ReturnValueKey, default));
        Assert.Equal($"\"loaded 60 for {run.RunId}\"", await harness.Store.GetXComAsync(run.Id, "load", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task Run_TaskFailsThenSucceeds_RetriesWithLogPerTry()
    {
        var attempts = 0;
        var dag = Of("flaky",
            Task("flaky", i =>
            {
                i.Logger.LogInformationLine($"attempt {i.Context.TryNumber}");
                return Interlocked.Increment(ref attempts) < 3 ? throw new InvalidOperationException("boom") : i.Serialize("ok");
            }, retries: 2));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("flaky");

        Assert.Equal(DagRunState.Success, run.State);
        var ti = (await harness.TaskInstancesAsync(run))["flaky"];
        Assert.Equal(3, ti.TryNumber);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var log = await harness.Store.GetLogAsync(run.Id, "flaky", attempt, default);
            Assert.Contains(log, l => l.Message == $"attempt {attempt}");
            Assert.Equal(attempt < 3, log.Any(l => l.Level == "Error" && l.Message.Contains("boom", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Run_TaskFailsWithoutRetriesLeft_DownstreamUpstreamFailedAndRunFailed()
    {
        var dag = Of("failing",
            Task("a", _ => throw new InvalidOperationException("broken"), retries: 1),
            Task("b", _ => null, upstream: ["a"]),
            Task("c", _ => null, upstream: ["b"]),
            Task("cleanup", _ => null, upstream: ["a"], rule: TriggerRule.AllDone));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("failing");

        Assert.Equal(DagRunState.Failed, run.State);
        var tis = await harness.TaskInstancesAsync(run);
        Assert.Equal(TaskInstanceState.Failed, tis["a"].State);
        Assert.Equal(2, tis["a"].TryNumber);
        Assert.Equal(TaskInstanceState.UpstreamFailed, tis["b"].State);
        Assert.Equal(TaskInstanceState.UpstreamFailed, tis["c"].State);
        Assert.Equal(TaskInstanceState.Success, tis["cleanup"].State);
    }

    [Fact]
    public async Task Run_TaskFailedException_FailsWithoutUsingRetries()
    {
        var dag = Of("fatal", Task("a", _ => throw new TaskFailedException("bad input"), retries: 3));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("fatal");

        var ti = (await harness.TaskInstancesAsync(run))["a"];
        Assert.Equal(TaskInstanceState.Failed, ti.State);
        Assert.Equal(1, ti.TryNumber);
    }

    [Fact]
    public async Task Run_TaskSkipsItself_DownstreamSkippedAndRunSucceeds()
    {
        var dag = Of("skipping",
            Task("a", _ => throw new TaskSkippedException()),
            Task("b", _ => null, upstream: ["a"]));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("skipping");

        Assert.Equal(DagRunState.Success, run.State);
        var tis = await harness.TaskInstancesAsync(run);
        Assert.Equal(TaskInstanceState.Skipped, tis["a"].State);
        Assert.Equal(TaskInstanceState.Skipped, tis["b"].State);
    }

    [Fact]
    public async Task Run_FanOutFanIn_JoinWaitsForEveryBranch()
    {
        var dag = Of("fan",
            Task("start", i => i.Serialize(2)),
            Task("left", i => i.Serialize(i.GetInput<int>("start") + 1), inputs: ["start"]),
            Task("right", i => i.Serialize(i.GetInput<int>("start") * 5), inputs: ["start"]),
            Task("join", i => i.Serialize(i.GetInput<int>("left") + i.GetInput<int>("right")), inputs: ["left", "right"]));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("fan");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal("13", await harness.Store.GetXComAsync(run.Id, "join", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task Run_Conf_IsVisibleToTasks()
    {
        var dag = Of("conf", Task("echo", i => i.Serialize(i.Context.GetConf<string>("region"))));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("conf", """{"region":"eu"}""");

        Assert.Equal("\"eu\"", await harness.Store.GetXComAsync(run.Id, "echo", XComJson.ReturnValueKey, default));
    }
}
