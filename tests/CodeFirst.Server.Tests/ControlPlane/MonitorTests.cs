using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>codefirst.v1.MonitorService: the process registry and queue depths, over real gRPC.</summary>
public sealed class MonitorTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IDisposable
{
    private readonly GrpcClient _client = new(host.Address, null);

    private Task<ListProcessesResponse> ListAsync(ListProcessesRequest request) =>
        _client.UnaryAsync("codefirst.v1.MonitorService/ListProcesses", request, ListProcessesResponse.Parser, CancellationToken.None);

    [Fact]
    public async Task ListProcesses_HostEngine_ListedAliveWithARecentHeartbeat()
    {
        var processes = await ListAsync(new ListProcessesRequest { AliveOnly = true });

        var self = Assert.Single(processes.Processes, p => p.Id == host.Engine.Options.WorkerId);
        Assert.Equal(("scheduler+worker", "running", Environment.ProcessId, 4, true), (self.Role, self.State, self.Pid, self.Concurrency, self.AllQueues));
        Assert.InRange(DateTimeOffset.UtcNow - self.LastHeartbeat.ToDateTimeOffset(), TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Equal(10_000, self.HeartbeatIntervalMs);
    }

    [Fact]
    public async Task ListProcesses_DeadAndStoppedRows_StateSaysSoAndAliveOnlyDropsThem()
    {
        var now = DateTimeOffset.UtcNow;
        await host.Store.RecordProcessAsync(new ProcessRecord("monitor-dead", "triggerer", "gone", 7, [], 0, now.AddHours(-1), now.AddMinutes(-5), TimeSpan.FromSeconds(10), 0, 2), CancellationToken.None);
        await host.Store.RecordProcessAsync(new ProcessRecord("monitor-stopped", "worker", "h", 8, ["gpu"], 2, now.AddHours(-1), now, TimeSpan.FromSeconds(10), 0, 0), CancellationToken.None);
        await host.Store.MarkProcessStoppedAsync("monitor-stopped", now, CancellationToken.None);

        var all = await ListAsync(new ListProcessesRequest());
        var alive = await ListAsync(new ListProcessesRequest { AliveOnly = true });
        var triggerers = await ListAsync(new ListProcessesRequest { Role = "triggerer" });
        var workers = await ListAsync(new ListProcessesRequest { Role = "worker" });

        Assert.Equal("dead", all.Processes.Single(p => p.Id == "monitor-dead").State);
        var stopped = all.Processes.Single(p => p.Id == "monitor-stopped");
        Assert.Equal(("stopped", false, "gpu"), (stopped.State, stopped.AllQueues, Assert.Single(stopped.Queues)));
        Assert.NotNull(stopped.StoppedAt);
        Assert.DoesNotContain(alive.Processes, p => p.Id.StartsWith("monitor-", StringComparison.Ordinal));
        Assert.Equal(["monitor-dead"], triggerers.Processes.Select(p => p.Id));
        // A combined scheduler+worker process runs the worker role too.
        Assert.Contains(workers.Processes, p => p.Id == host.Engine.Options.WorkerId);
    }

    [Fact]
    public async Task ListProcesses_UnknownRole_InvalidArgumentListingTheRoles()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => ListAsync(new ListProcessesRequest { Role = "janitor" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("role: 'janitor' is not a role; use one of scheduler, worker, triggerer, standalone, or leave it empty.", error.Detail);
    }

    [Fact]
    public async Task GetQueueDepths_RunningTask_CountedInItsQueueAndIdleQueuesListed()
    {
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("gated"), null, null, "monitor-gated", CancellationToken.None);
        host.Engine.WakeScheduler();
        await host.WaitForTaskStateAsync("gated", "monitor-gated", "wait", TaskInstanceState.Running);
        try
        {
            var depths = await _client.UnaryAsync("codefirst.v1.MonitorService/GetQueueDepths", new GetQueueDepthsRequest(), GetQueueDepthsResponse.Parser, CancellationToken.None);

            var queue = Assert.Single(depths.Queues);
            Assert.Equal(("default", 0, 1, 0), (queue.Queue, queue.Queued, queue.Running, queue.Deferred));
        }
        finally
        {
            ControlPlaneDags.Open("monitor-gated");
        }
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("gated", "monitor-gated"));
        var idle = await _client.UnaryAsync("codefirst.v1.MonitorService/GetQueueDepths", new GetQueueDepthsRequest(), GetQueueDepthsResponse.Parser, CancellationToken.None);
        Assert.Equal(("default", 0, 0, 0), (idle.Queues[0].Queue, idle.Queues[0].Queued, idle.Queues[0].Running, idle.Queues[0].Deferred));
    }

    public void Dispose() => _client.Dispose();
}
