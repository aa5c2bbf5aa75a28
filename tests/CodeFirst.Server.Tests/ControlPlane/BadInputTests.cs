using CodeFirst.Proto.V1;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using Google.Protobuf;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>What real clients never send, straight over HttpClient: every case ends in a clear status.</summary>
public sealed class BadInputTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IDisposable
{
    private const string Trigger = "/codefirst.v1.DagRunService/TriggerDagRun";
    private readonly RawGrpcClient _raw = new(host.Address);

    [Fact]
    public async Task Frame_DeclaresMoreBytesThanSent_ErrorStatus()
    {
        var response = await _raw.SendAsync(Trigger, RawGrpcClient.Frame(new TriggerDagRunRequest { DagId = "passing" }.ToByteArray(), declaredLength: 500));

        Assert.NotNull(response.GrpcStatus);
        Assert.NotEqual(0, response.GrpcStatus);
    }

    [Fact]
    public async Task Message_Truncated_ErrorStatusAndNoRunCreated()
    {
        var bytes = new TriggerDagRunRequest { DagId = "passing", RunId = "truncated" }.ToByteArray();

        var response = await _raw.SendAsync(Trigger, RawGrpcClient.Frame(bytes[..^3]));

        Assert.True(response.GrpcStatus is 3 or 13, $"status {response.GrpcStatus}: {response.GrpcMessage}");
        Assert.Null(await host.Store.GetRunAsync("passing", "truncated", CancellationToken.None));
    }

    [Fact]
    public async Task Message_GarbageProtobuf_ErrorStatus()
    {
        var response = await _raw.SendAsync(Trigger, RawGrpcClient.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x02]));

        Assert.True(response.GrpcStatus is 3 or 13, $"status {response.GrpcStatus}: {response.GrpcMessage}");
    }

    [Fact]
    public async Task Request_OverSizeLimit_ResourceExhausted()
    {
        var huge = new TriggerDagRunRequest { DagId = "passing", ConfJson = "{\"x\":\"" + new string('a', 5 * 1024 * 1024) + "\"}" };

        var response = await _raw.SendAsync(Trigger, RawGrpcClient.Frame(huge));

        Assert.Equal(8, response.GrpcStatus);
    }

    [Theory]
    [InlineData("{oops", "conf_json: conf is not valid JSON")]
    [InlineData("\"text\"", "conf_json: conf must be a JSON object, but it is a JSON string.")]
    public async Task TriggerDagRun_InvalidConf_InvalidArgumentNamingField(string conf, string message)
    {
        var response = await CallAsync(Trigger, new TriggerDagRunRequest { DagId = "passing", ConfJson = conf });

        Assert.Equal(3, response.GrpcStatus);
        Assert.StartsWith(message, response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerDagRun_DuplicateRunId_AlreadyExists()
    {
        Assert.Equal(0, (await CallAsync(Trigger, new TriggerDagRunRequest { DagId = "passing", RunId = "dup" })).GrpcStatus);

        var second = await CallAsync(Trigger, new TriggerDagRunRequest { DagId = "passing", RunId = "dup" });

        Assert.Equal(6, second.GrpcStatus);
        Assert.Contains("already has a run with run id 'dup'", second.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerDagRun_InvalidTimestamp_InvalidArgumentNamingField()
    {
        var request = new TriggerDagRunRequest { DagId = "passing", LogicalDate = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 1, Nanos = -5 } };

        var response = await CallAsync(Trigger, request);

        Assert.Equal(3, response.GrpcStatus);
        Assert.StartsWith("logical_date:", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListDagRuns_BadPageToken_InvalidArgumentNamingField()
    {
        var response = await CallAsync("/codefirst.v1.DagRunService/ListDagRuns", new ListDagRunsRequest { PageToken = "not-a-token" });

        Assert.Equal(3, response.GrpcStatus);
        Assert.StartsWith("page_token 'not-a-token'", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListDagRuns_Paging_WalksEveryRunOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, (await CallAsync(Trigger, new TriggerDagRunRequest
            {
                DagId = "failing", RunId = $"page-{i}",
                LogicalDate = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2020, 1, 1 + i, 0, 0, 0, TimeSpan.Zero)),
            })).GrpcStatus);
        }

        var seen = new List<string>();
        var request = new ListDagRunsRequest
        {
            DagId = "failing", PageSize = 2,
            LogicalDateGte = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            LogicalDateLte = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2020, 1, 4, 0, 0, 0, TimeSpan.Zero)),
        };
        do
        {
            var response = await CallAsync("/codefirst.v1.DagRunService/ListDagRuns", request);
            var page = ListDagRunsResponse.Parser.ParseFrom(Assert.Single(response.Frames));
            Assert.Equal(4, page.TotalSize);
            seen.AddRange(page.DagRuns.Select(r => r.RunId));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(["page-3", "page-2", "page-1", "page-0"], seen);
    }

    [Fact]
    public async Task ClearTaskInstances_BadRegex_InvalidArgument()
    {
        await CallAsync(Trigger, new TriggerDagRunRequest { DagId = "passing", RunId = "regex" });

        var response = await CallAsync("/codefirst.v1.TaskInstanceService/ClearTaskInstances",
            new ClearTaskInstancesRequest { DagId = "passing", RunId = "regex", TaskRegex = "([" });

        Assert.Equal(3, response.GrpcStatus);
    }

    [Theory]
    [InlineData("ghost", "x", "DAG 'ghost' not found. Known DAGs: berlin, failing, flaky, gated, nightly, passing.")]
    [InlineData("passing", "ghost-run", "DAG 'passing' has no run 'ghost-run'.")]
    public async Task GetDagRun_UnknownIds_NotFound(string dagId, string runId, string message)
    {
        var response = await CallAsync("/codefirst.v1.DagRunService/GetDagRun", new GetDagRunRequest { DagId = dagId, RunId = runId });

        Assert.Equal(5, response.GrpcStatus);
        Assert.Equal(message, response.GrpcMessage);
    }

    [Fact]
    public async Task SetTaskInstanceState_StateOtherThanSuccessOrFailed_InvalidArgument()
    {
        await CallAsync(Trigger, new TriggerDagRunRequest { DagId = "passing", RunId = "mark-bad" });

        var response = await CallAsync("/codefirst.v1.TaskInstanceService/SetTaskInstanceState",
            new SetTaskInstanceStateRequest { DagId = "passing", RunId = "mark-bad", TaskId = "produce", NewState = "running" });

        Assert.Equal(3, response.GrpcStatus);
        Assert.StartsWith("new_state:", response.GrpcMessage, StringComparison.Ordinal);
    }

    public void Dispose() => _raw.Dispose();

    private Task<RawResponse> CallAsync(string path, IMessage request) => _raw.SendAsync(path, RawGrpcClient.Frame(request));
}
