using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using CodeFirst.Server.Tests.Support;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using TaskInstanceState = CodeFirst.Runtime.State.TaskInstanceState;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>
/// DagRunService's backfill methods against a real engine. Tests of one class share a server and a
/// DAG (one running backfill per DAG), so each uses its own month of 2024 and ends its backfill.
/// </summary>
public sealed class BackfillServiceTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IDisposable
{
    private const string Service = "codefirst.v1.DagRunService/";
    private readonly GrpcClient _client = new(host.Address, null);

    [Fact]
    public async Task CreateBackfill_DryRun_PlansEveryDailyIntervalAndStoresNothing()
    {
        var response = await CreateAsync(new CreateBackfillRequest
        {
            DagId = "nightly", FromDate = Day(2024, 1, 1), ToDate = Day(2024, 1, 3), DryRun = true, RunBackwards = true,
        });

        Assert.True(response.DryRun);
        Assert.Null(response.Backfill);
        Assert.Equal(
            [(Day(2024, 1, 3), Day(2024, 1, 3), Day(2024, 1, 4), "create", "pending"), (Day(2024, 1, 2), Day(2024, 1, 2), Day(2024, 1, 3), "create", "pending"),
             (Day(2024, 1, 1), Day(2024, 1, 1), Day(2024, 1, 2), "create", "pending")],
            response.Dates.Select(d => (d.LogicalDate, d.DataIntervalStart, d.DataIntervalEnd, d.Action, d.State)));
        Assert.DoesNotContain((await ListAsync(new ListBackfillsRequest { DagId = "nightly" })).Backfills, b => b.FromDate == Day(2024, 1, 1));
        Assert.DoesNotContain(await host.Store.ListRunsAsync("nightly", null, 100, CancellationToken.None), r => r.LogicalDate is { Year: 2024, Month: 1 });
    }

    [Fact]
    public async Task CreateBackfill_ThreeDays_RunsEveryDateThenReprocessDecidesPerDate()
    {
        var created = await CreateAsync(new CreateBackfillRequest
        {
            DagId = "nightly", FromDate = Day(2024, 2, 1), ToDate = Day(2024, 2, 3), MaxActiveRuns = 2, ConfJson = """{"batch_size":5}""",
        });

        var backfill = created.Backfill;
        Assert.Equal(("nightly", "running", "none", 2, false), (backfill.DagId, backfill.State, backfill.ReprocessBehavior, backfill.MaxActiveRuns, backfill.RunBackwards));
        Assert.Equal((Day(2024, 2, 1), Day(2024, 2, 3)), (backfill.FromDate, backfill.ToDate));
        Assert.Equal(3, backfill.Progress.Total);
        foreach (var day in new[] { 1, 2, 3 })
            Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("nightly", $"backfill__2024-02-0{day}T00:00:00+00:00"));
        var done = await WaitForStateAsync(backfill.Id, "completed");

        Assert.NotNull(done.Backfill.CompletedAt);
        Assert.Equal(new BackfillProgress { Total = 3, Success = 3 }, done.Backfill.Progress);
        Assert.Equal(["backfill__2024-02-01T00:00:00+00:00", "backfill__2024-02-02T00:00:00+00:00", "backfill__2024-02-03T00:00:00+00:00"],
            done.Dates.Select(d => d.RunId));
        var run = await host.Store.GetRunAsync("nightly", "backfill__2024-02-02T00:00:00+00:00", CancellationToken.None);
        Assert.Equal((DagRunType.Backfill, """{"batch_size":5,"hold":false}"""), (run!.RunType, run.Conf));

        Assert.Equal(["skip", "skip", "skip", "create"], await PlanActionsAsync("none"));
        Assert.Equal(["skip", "skip", "skip", "create"], await PlanActionsAsync("failed"));
        Assert.Equal(["clear", "clear", "clear", "create"], await PlanActionsAsync("completed"));
    }

    [Fact]
    public async Task CancelBackfill_RunningBackfill_SkipsPendingDatesAndLetsTheRunningRunFinish()
    {
        var created = await CreateAsync(new CreateBackfillRequest
        {
            DagId = "nightly", FromDate = Day(2024, 3, 1), ToDate = Day(2024, 3, 3), MaxActiveRuns = 1, ConfJson = """{"hold":true}""",
        });
        const string first = "backfill__2024-03-01T00:00:00+00:00";
        await host.WaitForTaskStateAsync("nightly", first, "load", TaskInstanceState.Running);
        var second = await Assert.ThrowsAsync<GrpcCallException>(() => CreateAsync(new CreateBackfillRequest { DagId = "nightly", FromDate = Day(2024, 3, 10), ToDate = Day(2024, 3, 11) }));

        var canceled = await _client.UnaryAsync(Service + "CancelBackfill", new CancelBackfillRequest { BackfillId = created.Backfill.Id },
            CancelBackfillResponse.Parser, CancellationToken.None);

        Assert.Equal(StatusCode.AlreadyExists, second.StatusCode);
        Assert.Equal(("canceled", true), (canceled.Backfill.State, canceled.Backfill.CompletedAt is not null));
        Assert.Equal(new BackfillProgress { Total = 3, Running = 1, Skipped = 2 }, canceled.Backfill.Progress);
        Assert.DoesNotContain((await ListAsync(new ListBackfillsRequest { DagId = "nightly", RunningOnly = true })).Backfills, b => b.Id == created.Backfill.Id);
        Assert.Contains((await ListAsync(new ListBackfillsRequest { DagId = "nightly" })).Backfills, b => b.Id == created.Backfill.Id);
        ControlPlaneDags.Open(first);
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("nightly", first));
        Assert.Null(await host.Store.GetRunAsync("nightly", "backfill__2024-03-02T00:00:00+00:00", CancellationToken.None));
        var again = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Service + "CancelBackfill",
            new CancelBackfillRequest { BackfillId = created.Backfill.Id }, CancelBackfillResponse.Parser, CancellationToken.None));
        Assert.Equal((StatusCode.FailedPrecondition, $"Backfill {created.Backfill.Id} is canceled, not running; there is nothing to cancel."), (again.StatusCode, again.Detail));
        var audit = await host.Store.ListAuditAsync(50, CancellationToken.None);
        Assert.Contains(audit, e => e.Method == Service + "CreateBackfill" && e.Details.Contains($"backfill_id={created.Backfill.Id} ", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Method == Service + "CancelBackfill" && e.Details == $"dag_id=nightly backfill_id={created.Backfill.Id}");
    }

    public static TheoryData<string, IMessage, StatusCode, string> BadRequests => new()
    {
        { "CreateBackfill", Request(r => r.DagId = "ghost"), StatusCode.NotFound, "DAG 'ghost' not found." },
        { "CreateBackfill", Request(r => r.FromDate = null), StatusCode.InvalidArgument, "from_date is required." },
        { "CreateBackfill", Request(r => r.ToDate = Day(2023, 12, 1)), StatusCode.InvalidArgument, "from_date (2024-04-01T00:00:00.0000000+00:00) is after to_date (2023-12-01T00:00:00.0000000+00:00)." },
        { "CreateBackfill", Request(r => r.ReprocessBehavior = "all"), StatusCode.InvalidArgument, "reprocess_behavior: 'all' is not none, failed or completed." },
        { "CreateBackfill", Request(r => r.MaxActiveRuns = -1), StatusCode.InvalidArgument, "max_active_runs must be positive, but it is -1." },
        { "CreateBackfill", Request(r => r.ConfJson = "{bad"), StatusCode.InvalidArgument, "conf_json: conf is not valid JSON" },
        { "CreateBackfill", Request(r => r.ConfJson = """{"batch_size":"ten"}"""), StatusCode.InvalidArgument, "conf.batch_size: expected an integer, got \"ten\"" },
        { "CreateBackfill", Request(r => r.DagId = "passing"), StatusCode.InvalidArgument, "only cron and interval schedules can be backfilled" },
        { "GetBackfill", new GetBackfillRequest { BackfillId = 424242 }, StatusCode.NotFound, "Backfill 424242 does not exist." },
        { "GetBackfill", new GetBackfillRequest(), StatusCode.InvalidArgument, "backfill_id must be a positive backfill id, but it is 0." },
        { "CancelBackfill", new CancelBackfillRequest { BackfillId = 424242 }, StatusCode.NotFound, "Backfill 424242 does not exist." },
        { "ListBackfills", new ListBackfillsRequest { DagId = "ghost" }, StatusCode.NotFound, "DAG 'ghost' not found." },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequest_StatusAndMessageNamingTheProblem(string method, IMessage request, StatusCode status, string message)
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Service + method, request, Empty.Parser, CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(message, error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(await host.Store.ListRunsAsync("nightly", null, 100, CancellationToken.None), r => r.LogicalDate is { Year: 2024, Month: 4 });
    }

    public void Dispose() => _client.Dispose();

    private static CreateBackfillRequest Request(Action<CreateBackfillRequest> change)
    {
        var request = new CreateBackfillRequest { DagId = "nightly", FromDate = Day(2024, 4, 1), ToDate = Day(2024, 4, 2), DryRun = true };
        change(request);
        return request;
    }

    private static Timestamp Day(int year, int month, int day) => Timestamp.FromDateTimeOffset(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero));

    private Task<CreateBackfillResponse> CreateAsync(CreateBackfillRequest request) =>
        _client.UnaryAsync(Service + "CreateBackfill", request, CreateBackfillResponse.Parser, CancellationToken.None);

    private Task<ListBackfillsResponse> ListAsync(ListBackfillsRequest request) =>
        _client.UnaryAsync(Service + "ListBackfills", request, ListBackfillsResponse.Parser, CancellationToken.None);

    private async Task<string[]> PlanActionsAsync(string reprocess) =>
        [.. (await CreateAsync(new CreateBackfillRequest
        {
            DagId = "nightly", FromDate = Day(2024, 2, 1), ToDate = Day(2024, 2, 4), ReprocessBehavior = reprocess, DryRun = true,
        })).Dates.Select(d => d.Action)];

    /// <summary>The scheduler completes a backfill on its pass after the last run ends; no event marks it, so poll as a client would.</summary>
    private Task<GetBackfillResponse> WaitForStateAsync(long id, string state) =>
        Eventually.WaitAsync(async () =>
        {
            var response = await _client.UnaryAsync(Service + "GetBackfill", new GetBackfillRequest { BackfillId = id }, GetBackfillResponse.Parser, CancellationToken.None);
            return response.Backfill.State == state ? response : null;
        }, TimeSpan.FromSeconds(30), $"backfill {id} to be {state}");
}
