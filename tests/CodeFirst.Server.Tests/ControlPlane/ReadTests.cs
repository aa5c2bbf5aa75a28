using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>The read side: DAG filters and paging, task instances, XComs.</summary>
public sealed class ReadTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IDisposable
{
    private readonly GrpcClient _client = new(host.Address, null);

    [Fact]
    public async Task ListDags_PageSizeOne_WalksAllDagsInOrder()
    {
        var request = new ListDagsRequest { PageSize = 1 };
        var seen = new List<string>();
        do
        {
            var page = await _client.UnaryAsync("codefirst.v1.DagService/ListDags", request, ListDagsResponse.Parser, CancellationToken.None);
            Assert.Equal(6, page.TotalSize);
            seen.AddRange(page.Dags.Select(d => d.DagId));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(["berlin", "failing", "flaky", "gated", "nightly", "passing"], seen);
    }

    [Fact]
    public async Task ListDags_PausedAndPatternFilters_MatchAirflowsSemantics()
    {
        await _client.UnaryAsync("codefirst.v1.DagService/SetDagPaused", new SetDagPausedRequest { DagId = "failing", Paused = true },
            SetDagPausedResponse.Parser, CancellationToken.None);
        try
        {
            var paused = await _client.UnaryAsync("codefirst.v1.DagService/ListDags", new ListDagsRequest { Paused = true }, ListDagsResponse.Parser, CancellationToken.None);
            var pattern = await _client.UnaryAsync("codefirst.v1.DagService/ListDags", new ListDagsRequest { DagIdPattern = "SS_N%" }, ListDagsResponse.Parser, CancellationToken.None);

            Assert.Equal(["failing"], paused.Dags.Select(d => d.DagId));
            Assert.Equal(["passing"], pattern.Dags.Select(d => d.DagId));
        }
        finally
        {
            await _client.UnaryAsync("codefirst.v1.DagService/SetDagPaused", new SetDagPausedRequest { DagId = "failing", Paused = false },
                SetDagPausedResponse.Parser, CancellationToken.None);
        }
    }

    [Fact]
    public async Task TaskInstancesAndXComs_FinishedRun_ReturnValuesAsJson()
    {
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("passing"), null, null, "read-xcom", CancellationToken.None);
        host.Engine.WakeScheduler();
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("passing", "read-xcom"));

        var instance = await _client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskInstance",
            new GetTaskInstanceRequest { DagId = "passing", RunId = "read-xcom", TaskId = "consume" }, TaskInstance.Parser, CancellationToken.None);
        var filtered = await _client.UnaryAsync("codefirst.v1.TaskInstanceService/ListTaskInstances",
            new ListTaskInstancesRequest { DagId = "passing", RunId = "read-xcom", States = { "failed" } }, ListTaskInstancesResponse.Parser, CancellationToken.None);
        var xcoms = await _client.UnaryAsync("codefirst.v1.TaskInstanceService/ListXComs",
            new ListXComsRequest { DagId = "passing", RunId = "read-xcom" }, ListXComsResponse.Parser, CancellationToken.None);

        Assert.Equal(("success", 1, 1), (instance.State, instance.TryNumber, instance.MaxTries));
        Assert.Empty(filtered.TaskInstances);
        Assert.Equal([("produce", "41"), ("consume", "42")], xcoms.Xcoms.Select(x => (x.TaskId, x.ValueJson)));
    }

    [Fact]
    public async Task GetDag_ParamsRecord_SchemaWithConfNamesTypesAndDefaults()
    {
        var nightly = await _client.UnaryAsync("codefirst.v1.DagService/GetDag", new GetDagRequest { DagId = "nightly" }, GetDagResponse.Parser, CancellationToken.None);
        var passing = await _client.UnaryAsync("codefirst.v1.DagService/GetDag", new GetDagRequest { DagId = "passing" }, GetDagResponse.Parser, CancellationToken.None);

        Assert.Equal([("batch_size", "integer", false, "100"), ("hold", "boolean", false, "false")],
            nightly.Params.Select(p => (p.Name, p.Type, p.Required, p.DefaultJson)));
        Assert.Empty(passing.Params);
    }

    [Fact]
    public async Task ListNextDagRuns_Count_ListsConsecutiveIntervalsInUtcWithTheDagsZone()
    {
        var response = await _client.UnaryAsync("codefirst.v1.DagService/ListNextDagRuns", new ListNextDagRunsRequest { DagId = "berlin", Count = 2 },
            ListNextDagRunsResponse.Parser, CancellationToken.None);
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync("codefirst.v1.DagService/ListNextDagRuns",
            new ListNextDagRunsRequest { DagId = "berlin", Count = -1 }, ListNextDagRunsResponse.Parser, CancellationToken.None));

        Assert.Equal("Europe/Berlin", response.Timezone);
        Assert.Equal(
            [("2100-01-01T01:00:00Z", "2100-01-02T01:00:00Z", "2100-01-02T01:00:00Z"), ("2100-01-02T01:00:00Z", "2100-01-03T01:00:00Z", "2100-01-03T01:00:00Z")],
            response.NextRuns.Select(r => (r.LogicalDate.ToString().Trim('"'), r.DataIntervalEnd.ToString().Trim('"'), r.RunAfter.ToString().Trim('"'))));
        Assert.Equal((Grpc.StatusCode.InvalidArgument, "count must be between 1 and 1000, but it is -1."), (error.StatusCode, error.Detail));
    }

    public void Dispose() => _client.Dispose();
}
