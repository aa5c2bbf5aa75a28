using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.ControlPlane.Auth;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>A mapped task's instances through the control plane and the CLI: one row per map index.</summary>
public sealed class MappedTaskTests : IAsyncLifetime
{
    private readonly ControlPlaneHost _host = new(AuthMode.Auto, dags: [ControlPlaneDags.Mapped]);
    private readonly CliRunner _cli = new([ControlPlaneDags.Mapped]);

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        _cli.RunAsync([.. args, "--server", _host.Address.ToString()]);

    [Fact]
    public async Task StatesForDagRun_MappedTask_ListsEveryMapIndexInOrder()
    {
        Assert.Equal(0, (await RunAsync("dags", "trigger", "mapped", "--run-id", "map-1")).ExitCode);
        Assert.Equal(DagRunState.Success, await _host.WaitForRunEndAsync("mapped", "map-1"));

        var table = await RunAsync("tasks", "states-for-dag-run", "mapped", "map-1");
        var json = await RunAsync("tasks", "states-for-dag-run", "mapped", "map-1", "--output", "json");

        Assert.Matches(@"list\s+-1\s+success[^\n]*\n\s*process\s+0\s+success[^\n]*\n\s*process\s+1\s+success[^\n]*\n\s*process\s+2\s+success[^\n]*\n\s*collect\s+-1\s+success", table.Output);
        Assert.Contains("\"map_index\": 2", json.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceXComsAndLog_WithMapIndex_AreThoseOfThatInstance()
    {
        await _host.Engine.Runs.TriggerAsync(_host.Engine.Dags.Get("mapped"), null, null, "map-read", CancellationToken.None);
        _host.Engine.WakeScheduler();
        Assert.Equal(DagRunState.Success, await _host.WaitForRunEndAsync("mapped", "map-read"));
        using var client = new GrpcClient(_host.Address, null);

        var instance = await client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskInstance",
            new GetTaskInstanceRequest { DagId = "mapped", RunId = "map-read", TaskId = "process", MapIndex = 1 }, TaskInstance.Parser, CancellationToken.None);
        var xcoms = await client.UnaryAsync("codefirst.v1.TaskInstanceService/ListXComs",
            new ListXComsRequest { DagId = "mapped", RunId = "map-read", TaskId = "process", MapIndex = 2 }, ListXComsResponse.Parser, CancellationToken.None);
        var log = await client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskLog",
            new GetTaskLogRequest { DagId = "mapped", RunId = "map-read", TaskId = "process", MapIndex = 2 }, GetTaskLogResponse.Parser, CancellationToken.None);
        var missing = await Assert.ThrowsAsync<GrpcCallException>(() => client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskLog",
            new GetTaskLogRequest { DagId = "mapped", RunId = "map-read", TaskId = "process", MapIndex = 7 }, GetTaskLogResponse.Parser, CancellationToken.None));

        Assert.Equal(1, instance.MapIndex);
        Assert.Equal("\"C\"", Assert.Single(xcoms.Xcoms, x => x.Key == "return_value").ValueJson);
        Assert.Equal(1, log.TryNumber);
        Assert.Contains("map_index 7", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DagsTest_MappedTask_PrintsEachInstanceWithItsMapIndex()
    {
        var result = await _cli.RunAsync("dags", "test", "mapped", "2024-01-02");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Matches(@"\nprocess\[0\]\s+success\s+1/1", result.Output);
        Assert.Matches(@"\nprocess\[2\]\s+success\s+1/1", result.Output);
        Assert.Matches(@"process\[1\]\s+queued", result.Output);
    }

    [Fact]
    public async Task WatchDagRun_FinishedMappedRun_SnapshotHasEveryInstance()
    {
        await _host.Engine.Runs.TriggerAsync(_host.Engine.Dags.Get("mapped"), null, null, "map-watch", CancellationToken.None);
        _host.Engine.WakeScheduler();
        Assert.Equal(DagRunState.Success, await _host.WaitForRunEndAsync("mapped", "map-watch"));
        using var client = new GrpcClient(_host.Address, null);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var events = new List<DagRunEvent>();
        await foreach (var message in client.StreamAsync("codefirst.v1.DagRunService/WatchDagRun",
            new WatchDagRunRequest { DagId = "mapped", RunId = "map-watch" }, DagRunEvent.Parser, limit.Token))
        {
            events.Add(message);
        }

        var snapshot = Assert.Single(events).Snapshot;
        Assert.Equal([("list", -1), ("process", 0), ("process", 1), ("process", 2), ("collect", -1)],
            snapshot.TaskInstances.Select(t => (t.TaskId, t.MapIndex)));
    }

    [Fact]
    public async Task ClearTaskInstances_MapIndexes_ClearsOnlyThoseInstances()
    {
        Assert.Equal(0, (await RunAsync("dags", "trigger", "mapped", "--run-id", "map-clear")).ExitCode);
        Assert.Equal(DagRunState.Success, await _host.WaitForRunEndAsync("mapped", "map-clear"));
        using var client = new GrpcClient(_host.Address, null);

        var cleared = await client.UnaryAsync("codefirst.v1.TaskInstanceService/ClearTaskInstances",
            new ClearTaskInstancesRequest { DagId = "mapped", RunId = "map-clear", TaskIds = { "process" }, MapIndexes = { 1 }, DryRun = true },
            ClearTaskInstancesResponse.Parser, CancellationToken.None);
        var all = await client.UnaryAsync("codefirst.v1.TaskInstanceService/ClearTaskInstances",
            new ClearTaskInstancesRequest { DagId = "mapped", RunId = "map-clear", TaskIds = { "process" }, DryRun = true },
            ClearTaskInstancesResponse.Parser, CancellationToken.None);

        Assert.Single(cleared.TaskInstances);
        Assert.Equal(3, all.TaskInstances.Count);
    }
}
