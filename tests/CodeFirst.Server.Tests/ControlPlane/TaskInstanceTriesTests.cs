using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary><c>ListTaskInstanceTries</c>: every try of a task instance, the one going on now included.</summary>
public sealed class TaskInstanceTriesTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IDisposable
{
    private const string Method = "codefirst.v1.TaskInstanceService/ListTaskInstanceTries";
    private readonly GrpcClient _client = new(host.Address, null);
    private readonly RawGrpcClient _raw = new(host.Address);

    [Fact]
    public async Task ListTaskInstanceTries_FailedThenClearedAndPassed_BothTriesWithStatesAndDurations()
    {
        await _client.UnaryAsync("codefirst.v1.DagRunService/TriggerDagRun", new TriggerDagRunRequest { DagId = "flaky", RunId = "tries-clear" },
            DagRun.Parser, CancellationToken.None);
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("flaky", "tries-clear"));
        await _client.UnaryAsync("codefirst.v1.TaskInstanceService/ClearTaskInstances",
            new ClearTaskInstancesRequest { DagId = "flaky", RunId = "tries-clear", TaskIds = { "work" }, IncludeDownstream = true },
            ClearTaskInstancesResponse.Parser, CancellationToken.None);
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("flaky", "tries-clear"));

        var response = await _client.UnaryAsync(Method, new ListTaskInstanceTriesRequest { DagId = "flaky", RunId = "tries-clear", TaskId = "work" },
            ListTaskInstanceTriesResponse.Parser, CancellationToken.None);

        Assert.Equal([(1, "failed"), (2, "success")], response.Tries.Select(t => (t.TryNumber, t.State)));
        Assert.All(response.Tries, t =>
        {
            Assert.NotNull(t.StartDate);
            Assert.NotNull(t.EndDate);
            Assert.Equal((t.EndDate.ToDateTimeOffset() - t.StartDate.ToDateTimeOffset()).TotalSeconds, t.DurationSeconds, 3);
            Assert.NotEmpty(t.Hostname);
        });
    }

    [Fact]
    public async Task ListTaskInstanceTries_TryGoingOn_ListedAsRunningWithoutEnd()
    {
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("gated"), null, null, "tries-live", CancellationToken.None);
        host.Engine.WakeScheduler();
        await host.WaitForTaskStateAsync("gated", "tries-live", "wait", TaskInstanceState.Running);
        ListTaskInstanceTriesResponse running;
        try
        {
            running = await _client.UnaryAsync(Method, new ListTaskInstanceTriesRequest { DagId = "gated", RunId = "tries-live", TaskId = "wait" },
                ListTaskInstanceTriesResponse.Parser, CancellationToken.None);
        }
        finally
        {
            ControlPlaneDags.Open("tries-live");
        }
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("gated", "tries-live"));
        var ended = await _client.UnaryAsync(Method, new ListTaskInstanceTriesRequest { DagId = "gated", RunId = "tries-live", TaskId = "wait" },
            ListTaskInstanceTriesResponse.Parser, CancellationToken.None);

        var live = Assert.Single(running.Tries);
        Assert.Equal((1, "running"), (live.TryNumber, live.State));
        Assert.NotNull(live.StartDate);
        Assert.Null(live.EndDate);
        Assert.True(live.DurationSeconds >= 0);
        Assert.Equal((1, "success"), (Assert.Single(ended.Tries).TryNumber, ended.Tries[0].State));
    }

    [Theory]
    [InlineData("ghost", "x", "work", null, 5, "DAG 'ghost' not found")]
    [InlineData("flaky", "ghost-run", "work", null, 5, "DAG 'flaky' has no run 'ghost-run'.")]
    [InlineData("flaky", "tries-bad", "ghost", null, 5, "Run 'tries-bad' of DAG 'flaky' has no task 'ghost'.")]
    [InlineData("flaky", "tries-bad", "work", 3, 5, "Task 'work' of run 'tries-bad' has no instance with map_index 3.")]
    [InlineData("flaky", "tries-bad", "work", -2, 3, "map_index must be -1 (not mapped) or more, but it is -2.")]
    public async Task ListTaskInstanceTries_UnknownIdsOrBadMapIndex_ClearStatus(string dagId, string runId, string taskId, int? mapIndex, int status, string message)
    {
        if (await host.Store.GetRunAsync("flaky", "tries-bad", CancellationToken.None) is null)
            await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("flaky"), null, null, "tries-bad", CancellationToken.None);
        var request = new ListTaskInstanceTriesRequest { DagId = dagId, RunId = runId, TaskId = taskId };
        if (mapIndex is { } index) request.MapIndex = index;

        var response = await _raw.SendAsync("/" + Method, RawGrpcClient.Frame(request));

        Assert.Equal(status, response.GrpcStatus);
        Assert.StartsWith(message, response.GrpcMessage, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _client.Dispose();
        _raw.Dispose();
    }
}
