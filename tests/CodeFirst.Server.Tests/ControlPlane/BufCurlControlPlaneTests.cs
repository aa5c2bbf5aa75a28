using System.Text.Json;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>buf curl, a client no one here wrote, learning the control plane through reflection.</summary>
public sealed class BufCurlControlPlaneTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IAsyncLifetime
{
    private BufCurl _buf = null!;

    public async Task InitializeAsync() => _buf = new BufCurl(await NodeClients.GetAsync().WaitAsync(TimeSpan.FromMinutes(6)), host.Address);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListServices_Reflection_ListsControlPlaneHealthAndReflection()
    {
        var result = await _buf.ListServicesAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                "codefirst.v1.AssetService", "codefirst.v1.DagRunService", "codefirst.v1.DagService", "codefirst.v1.MonitorService", "codefirst.v1.PoolService",
                "codefirst.v1.TaskInstanceService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
            ],
            result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TriggerGetAndWatch_ConfStruct_RunSucceedsAndWatchEndsWithIt()
    {
        var trigger = await _buf.CallAsync("codefirst.v1.DagRunService/TriggerDagRun",
            """{"dag_id":"passing","run_id":"buf-1","conf":{"region":"eu","n":2},"note":"from buf"}""");
        Assert.True(trigger.ExitCode == 0, trigger.ToString());
        var created = Assert.Single(BufCurl.ParseDocuments(trigger.StandardOutput)).GetProperty("dagRun");
        Assert.Equal("buf-1", created.GetProperty("runId").GetString());
        Assert.Equal("queued", created.GetProperty("state").GetString());
        // A Struct is a map: its keys come back sorted.
        Assert.Equal("""{"n":2,"region":"eu"}""", created.GetProperty("confJson").GetString());

        var watch = await _buf.CallAsync("codefirst.v1.DagRunService/WatchDagRun", """{"dag_id":"passing","run_id":"buf-1"}""");
        Assert.True(watch.ExitCode == 0, watch.ToString());
        var events = BufCurl.ParseDocuments(watch.StandardOutput);
        Assert.True(events[0].TryGetProperty("snapshot", out var snapshot), watch.StandardOutput);
        Assert.Equal(2, snapshot.GetProperty("taskInstances").GetArrayLength());
        var last = events[^1];
        var finalState = last.TryGetProperty("dagRunChanged", out var changed) ? changed.GetProperty("state").GetString() : last.GetProperty("snapshot").GetProperty("dagRun").GetProperty("state").GetString();
        Assert.Equal("success", finalState);

        var get = await _buf.CallAsync("codefirst.v1.DagRunService/GetDagRun", """{"dag_id":"passing","run_id":"buf-1"}""");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("success", Assert.Single(BufCurl.ParseDocuments(get.StandardOutput)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task ClearTaskInstances_FailedTask_ReportsPreviousStateAndRunSucceeds()
    {
        var trigger = await _buf.CallAsync("codefirst.v1.DagRunService/TriggerDagRun", """{"dag_id":"flaky","run_id":"buf-clear"}""");
        Assert.True(trigger.ExitCode == 0, trigger.ToString());
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("flaky", "buf-clear"));

        var clear = await _buf.CallAsync("codefirst.v1.TaskInstanceService/ClearTaskInstances",
            """{"dag_id":"flaky","run_id":"buf-clear","task_ids":["work"],"include_downstream":true}""");

        Assert.True(clear.ExitCode == 0, clear.ToString());
        var affected = Assert.Single(BufCurl.ParseDocuments(clear.StandardOutput)).GetProperty("taskInstances").EnumerateArray()
            .ToDictionary(t => t.GetProperty("taskId").GetString()!, t => t.GetProperty("previousState").GetString());
        Assert.Equal("failed", affected["work"]);
        Assert.Equal("upstream_failed", affected["report"]);
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("flaky", "buf-clear"));
    }

    [Theory]
    [InlineData("""{"dag_id":"ghost"}""", "not_found", "DAG 'ghost' not found")]
    [InlineData("""{"dag_id":"passing","conf_json":"[1,2]"}""", "invalid_argument", "conf_json: conf must be a JSON object")]
    public async Task TriggerDagRun_BadInput_ReportsCodeAndMessage(string json, string code, string message)
    {
        var result = await _buf.CallAsync("codefirst.v1.DagRunService/TriggerDagRun", json);

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(BufCurl.ParseDocuments(result.StandardError));
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBackfill_DryRun_PrintsThePlannedDatesAndCreatesNothing()
    {
        var result = await _buf.CallAsync("codefirst.v1.DagRunService/CreateBackfill",
            """{"dag_id":"nightly","from_date":"2021-05-01T00:00:00Z","to_date":"2021-05-02T00:00:00Z","dry_run":true,"conf":{"batch_size":7}}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        var response = Assert.Single(BufCurl.ParseDocuments(result.StandardOutput));
        Assert.False(response.TryGetProperty("backfill", out _));
        Assert.Equal(
            [("2021-05-01T00:00:00Z", "2021-05-02T00:00:00Z", "create"), ("2021-05-02T00:00:00Z", "2021-05-03T00:00:00Z", "create")],
            response.GetProperty("dates").EnumerateArray()
                .Select(d => (d.GetProperty("logicalDate").GetString(), d.GetProperty("dataIntervalEnd").GetString(), d.GetProperty("action").GetString())));
        Assert.Empty(await host.Store.ListRunsAsync("nightly", null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ListDags_TagFilter_ReturnsOnlyTaggedDag()
    {
        var result = await _buf.CallAsync("codefirst.v1.DagService/ListDags", """{"tags":["repair"]}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        var dags = Assert.Single(BufCurl.ParseDocuments(result.StandardOutput)).GetProperty("dags");
        Assert.Equal("flaky", Assert.Single(dags.EnumerateArray()).GetProperty("dagId").GetString());
    }
}
