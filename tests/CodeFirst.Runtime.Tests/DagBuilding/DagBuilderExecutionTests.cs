using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Tests.DagBuilding;

public sealed class DagBuilderExecutionTests
{
    /// <summary>A DAG as it might come from a table row: one sync, one async and one sync-with-context task chained by XCom.</summary>
    private static DagDefinition Chain(string dagId, int factor) => new DagBuilder(dagId)
        .Task("extract", ctx =>
        {
            ctx.Log.LogInformation("extracting for {RunId}", ctx.RunId);
            return new[] { 1, 2, 3 };
        })
        .Task("transform", async (ctx, ct) =>
        {
            var rows = await ctx.XCom.PullAsync<int[]>("extract", cancellationToken: ct);
            return rows!.Sum() * factor;
        }, t => t.Input("extract"))
        .Task("load", async ctx => $"loaded {await ctx.XCom.PullAsync<int>("transform")}", t => t.Input("transform"))
        .Build();

    [Fact]
    public async Task Engine_BuiltChain_RunsEveryTaskAndPassesXCom()
    {
        await using var harness = new EngineHarness([Chain("built_chain", 10)]);

        var run = await harness.RunAsync("built_chain");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal("60", await harness.Store.GetXComAsync(run.Id, "transform", XComJson.ReturnValueKey, default));
        Assert.Equal("\"loaded 60\"", await harness.Store.GetXComAsync(run.Id, "load", XComJson.ReturnValueKey, default));
        var log = await harness.Store.GetLogAsync(run.Id, "extract", 1, default);
        Assert.Contains(log, l => l.Message == $"extracting for {run.RunId}");
    }

    [Fact]
    public async Task Engine_BuiltTaskOverItsTimeout_GetsItsTokenCancelledAndFails()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dag = new DagBuilder("built_timeout")
            .Task("wait", async (_, ct) =>
            {
                await using var registration = ct.Register(() => cancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, ct);
            }, t => t.ExecutionTimeout(TimeSpan.FromMilliseconds(200)))
            .Build();
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("built_timeout");

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(DagRunState.Failed, run.State);
        Assert.Equal(TaskInstanceState.Failed, (await harness.TaskInstancesAsync(run))["wait"].State);
    }

    private sealed class Greeter
    {
        public string Greet(string name) => $"hello {name}";
    }

    [Fact]
    public async Task Engine_BuiltTaskWithServices_GetsThemFromTheContainer()
    {
        var dag = new DagBuilder("built_services")
            .Task("greet", (ctx, services, ct) => Task.FromResult(services.GetRequiredService<Greeter>().Greet(ctx.DagId)))
            .Build();
        await using var harness = new EngineHarness([dag], services => services.AddScoped<Greeter>());

        var run = await harness.RunAsync("built_services");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal("\"hello built_services\"", await harness.Store.GetXComAsync(run.Id, "greet", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task DagTestHost_BuiltDag_RunsLikeAGeneratedOne()
    {
        var result = await DagTestHost.RunAsync(Chain("built_chain_testhost", 2), new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(result.Succeeded);
        Assert.Equal(12, result.Output<int>("transform"));
        Assert.Equal("loaded 12", result.Output<string>("load"));
        Assert.All(result.Tasks.Values, t => Assert.Equal(TaskInstanceState.Success, t.State));
    }

    [Fact]
    public async Task DagTestHost_BuiltBranchAndShortCircuit_SkipWhatTheyDoNotFollow()
    {
        var dag = new DagBuilder("built_branching")
            .Task("choose", ctx => ctx.GetConf<string>("region") == "eu" ? new[] { "load_eu" } : ["load_us"], t => t.Branch())
            .Task("load_eu", _ => { }, t => t.After("choose"))
            .Task("load_us", _ => { }, t => t.After("choose"))
            .Task("has_news", _ => false, t => t.ShortCircuit())
            .Task("announce", _ => { }, t => t.After("has_news"))
            .Build();

        var result = await DagTestHost.RunAsync(dag, options: new DagTestOptions { Conf = """{"region":"eu"}""" });

        Assert.Equal(TaskInstanceState.Success, result["load_eu"].State);
        Assert.Equal(TaskInstanceState.Skipped, result["load_us"].State);
        Assert.Equal(TaskInstanceState.Skipped, result["announce"].State);
    }

    [Fact]
    public async Task DagTestHost_BuiltTaskThrows_FailsTheRunWithTheError()
    {
        var dag = new DagBuilder("built_failing")
            .Task("explode", ctx =>
            {
                if (ctx.TryNumber > 0) throw new InvalidOperationException("no source table");
            })
            .Task("after", _ => { }, t => t.After("explode"))
            .Build();

        var result = await DagTestHost.RunAsync(dag);

        Assert.False(result.Succeeded);
        Assert.Equal(TaskInstanceState.Failed, result["explode"].State);
        Assert.Equal(TaskInstanceState.UpstreamFailed, result["after"].State);
        Assert.Contains(result["explode"].Log, l => l.Message.Contains("no source table", StringComparison.Ordinal));
    }
}
