using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>ListTaskInstances with run_id "~": task instances of every run (and DAG), filtered, newest end first, paged.</summary>
public sealed class FailedTaskInstancesTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IDisposable
{
    private const string Method = "codefirst.v1.TaskInstanceService/ListTaskInstances";
    private readonly GrpcClient _client = new(host.Address, null);

    private async Task FailAsync(string dagId, string runId)
    {
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get(dagId), null, null, runId, CancellationToken.None);
        host.Engine.WakeScheduler();
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync(dagId, runId));
    }

    private Task<ListTaskInstancesResponse> ListAsync(ListTaskInstancesRequest request) =>
        _client.UnaryAsync(Method, request, ListTaskInstancesResponse.Parser, CancellationToken.None);

    [Fact]
    public async Task ListTaskInstances_EveryRunOfEveryDag_FailuresOfBothDagsNewestFirstPaged()
    {
        await FailAsync("failing", "every-1");
        await FailAsync("flaky", "every-2");
        await FailAsync("failing", "every-3");

        var all = await ListAsync(new ListTaskInstancesRequest { DagId = "~", RunId = "~", States = { "failed" } });
        var flaky = await ListAsync(new ListTaskInstancesRequest { DagId = "flaky", RunId = "~", States = { "failed" } });
        var upstreamFailed = await ListAsync(new ListTaskInstancesRequest { DagId = "~", RunId = "~", States = { "upstream_failed" } });
        var request = new ListTaskInstancesRequest { DagId = "~", RunId = "~", States = { "failed" }, PageSize = 2 };
        var first = await ListAsync(request);
        request.PageToken = first.NextPageToken;
        var second = await ListAsync(request);

        Assert.Equal([("failing", "every-3", "extract"), ("flaky", "every-2", "work"), ("failing", "every-1", "extract")],
            all.TaskInstances.Select(t => (t.DagId, t.RunId, t.TaskId)));
        Assert.Equal(3, all.TotalSize);
        Assert.Equal("", all.NextPageToken);
        Assert.All(all.TaskInstances, t => Assert.Equal("failed", t.State));
        Assert.Equal(["every-2"], flaky.TaskInstances.Select(t => t.RunId));
        Assert.Equal([("every-3", "load"), ("every-2", "report"), ("every-1", "load")], upstreamFailed.TaskInstances.Select(t => (t.RunId, t.TaskId)));
        Assert.Equal((2, 3), (first.TaskInstances.Count, first.TotalSize));
        Assert.NotEqual("", first.NextPageToken);
        Assert.Equal(all.TaskInstances, first.TaskInstances.Concat(second.TaskInstances));
        Assert.Equal("", second.NextPageToken);
    }

    [Fact]
    public async Task ListTaskInstances_EndDateRange_OnlyInstancesEndedInside()
    {
        await FailAsync("flaky", "range-1");
        var ended = (await ListAsync(new ListTaskInstancesRequest { DagId = "flaky", RunId = "range-1", States = { "failed" } })).TaskInstances.Single().EndDate;

        var inside = await ListAsync(new ListTaskInstancesRequest { DagId = "~", RunId = "~", EndDateGte = ended, EndDateLte = ended });
        var after = await ListAsync(new ListTaskInstancesRequest
        {
            DagId = "~", RunId = "~", EndDateGte = Timestamp.FromDateTimeOffset(ended.ToDateTimeOffset().AddTicks(10)),
        });

        Assert.Contains(inside.TaskInstances, t => t.RunId == "range-1");
        Assert.DoesNotContain(after.TaskInstances, t => t.RunId == "range-1");
    }

    [Fact]
    public async Task ListTaskInstances_OneRunWithPageSize_PagesInTaskOrder()
    {
        await FailAsync("failing", "one-run");

        var whole = await ListAsync(new ListTaskInstancesRequest { DagId = "failing", RunId = "one-run" });
        var page = await ListAsync(new ListTaskInstancesRequest { DagId = "failing", RunId = "one-run", PageSize = 1 });

        Assert.Equal(["extract", "load"], whole.TaskInstances.Select(t => t.TaskId));
        Assert.Equal((2, ""), (whole.TotalSize, whole.NextPageToken));
        Assert.Equal(["extract"], page.TaskInstances.Select(t => t.TaskId));
        Assert.NotEqual("", page.NextPageToken);
    }

    [Theory]
    [InlineData("~", "~", "nope", "", StatusCode.InvalidArgument, "states: 'nope' is not a task instance state")]
    [InlineData("~", "~", "failed", "garbage", StatusCode.InvalidArgument, "page_token 'garbage' is not a token this server issued")]
    [InlineData("~", "manual__x", "", "", StatusCode.InvalidArgument, "dag_id is required for run_id 'manual__x'")]
    [InlineData("missing", "~", "failed", "", StatusCode.NotFound, "missing")]
    public async Task ListTaskInstances_BadInput_ErrorNamingTheField(string dagId, string runId, string state, string pageToken, StatusCode code, string message)
    {
        var request = new ListTaskInstancesRequest { DagId = dagId, RunId = runId, PageToken = pageToken };
        if (state.Length > 0) request.States.Add(state);

        var error = await Assert.ThrowsAsync<GrpcCallException>(() => ListAsync(request));

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(message, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTaskInstances_EndDateBoundsReversed_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => ListAsync(new ListTaskInstancesRequest
        {
            DagId = "~", RunId = "~",
            EndDateGte = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero)),
            EndDateLte = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("end_date_gte is after end_date_lte.", error.Detail);
    }

    [Fact]
    public async Task ClearTaskInstances_MapIndexesWithoutTaskIds_InvalidArgument()
    {
        await FailAsync("flaky", "clear-bad");

        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync("codefirst.v1.TaskInstanceService/ClearTaskInstances",
            new ClearTaskInstancesRequest { DagId = "flaky", RunId = "clear-bad", MapIndexes = { 0 } }, ClearTaskInstancesResponse.Parser, CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("map_indexes needs task_ids", error.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();
}
