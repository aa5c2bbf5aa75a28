using CodeFirst.Runtime.State;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>@grpc/grpc-js with the .proto files: unary, streaming, deadline, cancellation and errors.</summary>
public sealed class GrpcJsControlPlaneTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IAsyncLifetime
{
    private GrpcJsClient _js = null!;

    public async Task InitializeAsync() => _js = new GrpcJsClient(await NodeClients.GetAsync().WaitAsync(TimeSpan.FromMinutes(6)), host.Address);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetDag_Unary_ReturnsTasksEdgesAndSchedule()
    {
        var result = await _js.UnaryAsync("DagService", "GetDag", new { dag_id = "passing" });

        Assert.Equal(0, (int)result["status"]!["code"]!);
        var response = result["response"]!;
        Assert.Equal("passing", (string)response["dag"]!["dag_id"]!);
        Assert.Equal(["demo"], response["dag"]!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["produce", "consume"], response["tasks"]!.AsArray().Select(t => (string)t!["task_id"]!));
        var edge = Assert.Single(response["edges"]!.AsArray())!;
        Assert.Equal(("produce", "consume", true), ((string)edge["source_task_id"]!, (string)edge["target_task_id"]!, (bool)edge["xcom"]!));
    }

    [Fact]
    public async Task WatchDagRun_FinishedRun_SnapshotThenOk()
    {
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("passing"), null, null, "js-watch", CancellationToken.None);
        host.Engine.WakeScheduler();
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("passing", "js-watch"));

        var result = await _js.ServerStreamingAsync("DagRunService", "WatchDagRun", new { dag_id = "passing", run_id = "js-watch" });

        Assert.Equal(0, (int)result["status"]!["code"]!);
        var snapshot = Assert.Single(result["messages"]!.AsArray())!["snapshot"]!;
        Assert.Equal("success", (string)snapshot["dag_run"]!["state"]!);
        Assert.All(snapshot["task_instances"]!.AsArray(), t => Assert.Equal("success", (string)t!["state"]!));
    }

    [Fact]
    public async Task WatchDagRun_Deadline_DeadlineExceeded()
    {
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("gated"), null, null, "js-deadline", CancellationToken.None);
        try
        {
            var result = await _js.ServerStreamingAsync("DagRunService", "WatchDagRun", new { dag_id = "gated", run_id = "js-deadline" }, new { deadlineMs = 3000 });

            Assert.Equal(4, (int)result["status"]!["code"]!);
            // The snapshot comes first; state changes of the (gated, never finishing) run may follow before the deadline.
            Assert.NotNull(result["messages"]!.AsArray()[0]!["snapshot"]);
        }
        finally
        {
            ControlPlaneDags.Open("js-deadline");
        }
    }

    [Fact]
    public async Task WatchDagRun_ClientCancels_Cancelled()
    {
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("gated"), null, null, "js-cancel", CancellationToken.None);
        try
        {
            var result = await _js.ServerStreamingAsync("DagRunService", "WatchDagRun", new { dag_id = "gated", run_id = "js-cancel" }, new { cancelAfter = 1 });

            Assert.Equal(1, (int)result["status"]!["code"]!);
        }
        finally
        {
            ControlPlaneDags.Open("js-cancel");
        }
    }

    [Theory]
    [InlineData("GetTaskInstance", 5, "has no task 'nope'")]
    [InlineData("GetTaskLog", 5, "has no run 'missing'")]
    public async Task TaskInstanceService_UnknownIds_NotFound(string method, int code, string message)
    {
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("passing"), null, null, "js-errors-" + method, CancellationToken.None);

        var result = await _js.UnaryAsync("TaskInstanceService", method,
            new { dag_id = "passing", run_id = method == "GetTaskLog" ? "missing" : "js-errors-" + method, task_id = "nope" });

        Assert.Equal(code, (int)result["status"]!["code"]!);
        Assert.Contains(message, (string)result["status"]!["details"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetPool_NegativeSlots_InvalidArgumentNamingTheField()
    {
        var result = await _js.UnaryAsync("PoolService", "SetPool", new { name = "js_pool", slots = -4 });

        Assert.Equal(3, (int)result["status"]!["code"]!);
        Assert.StartsWith("slots: must be zero or more, not -4.", (string)result["status"]!["details"]!, StringComparison.Ordinal);
    }
}
