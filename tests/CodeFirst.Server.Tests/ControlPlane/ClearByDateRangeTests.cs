using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>ClearTaskInstances over the runs of a logical-date range (Airflow's <c>tasks clear -s -e</c>).</summary>
public sealed class ClearByDateRangeTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IDisposable
{
    private const string Clear = "codefirst.v1.TaskInstanceService/ClearTaskInstances";
    private readonly GrpcClient _client = new(host.Address, null);

    [Fact]
    public async Task ClearTaskInstances_DateRange_ClearsOnlyTheRunsInsideIt()
    {
        var day = new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var i in new[] { 0, 1, 2 }) await TriggerAsync($"range-{i}", day.AddDays(i));
        foreach (var i in new[] { 0, 1, 2 }) Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("flaky", $"range-{i}"));
        var request = new ClearTaskInstancesRequest
        {
            DagId = "flaky", StartDate = Timestamp.FromDateTimeOffset(day.AddDays(1)), EndDate = Timestamp.FromDateTimeOffset(day.AddDays(2)),
            OnlyFailed = true, DryRun = true,
        };

        var dry = await _client.UnaryAsync(Clear, request, ClearTaskInstancesResponse.Parser, CancellationToken.None);

        Assert.Equal(["range-1/report:upstream_failed", "range-1/work:failed", "range-2/report:upstream_failed", "range-2/work:failed"],
            dry.TaskInstances.Select(t => $"{t.RunId}/{t.TaskId}:{t.PreviousState}").Order(StringComparer.Ordinal));
        Assert.Equal(DagRunState.Failed, (await host.Store.GetRunAsync("flaky", "range-1", CancellationToken.None))!.State);

        request.DryRun = false;
        await _client.UnaryAsync(Clear, request, ClearTaskInstancesResponse.Parser, CancellationToken.None);

        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("flaky", "range-1"));
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("flaky", "range-2"));
        Assert.Equal(DagRunState.Failed, (await host.Store.GetRunAsync("flaky", "range-0", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task ClearTaskInstances_OnlyAStartDate_ClearsEveryLaterRun()
    {
        var day = new DateTimeOffset(2022, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await TriggerAsync("open-0", day);
        await TriggerAsync("open-1", day.AddDays(1));
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("flaky", "open-1"));

        var dry = await _client.UnaryAsync(Clear, new ClearTaskInstancesRequest
        {
            DagId = "flaky", StartDate = Timestamp.FromDateTimeOffset(day.AddHours(1)), TaskIds = { "work" }, DryRun = true,
        }, ClearTaskInstancesResponse.Parser, CancellationToken.None);

        Assert.Equal(["open-1"], dry.TaskInstances.Select(t => t.RunId));
    }

    [Theory]
    [InlineData("some-run", true, false, "give either run_id or start_date/end_date, not both.")]
    [InlineData("", false, false, "run_id, or start_date and/or end_date, is required.")]
    [InlineData("", true, true, "start_date is after end_date.")]
    public async Task ClearTaskInstances_BadScope_InvalidArgumentNamingIt(string runId, bool start, bool endBeforeStart, string message)
    {
        var day = new DateTimeOffset(2023, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var request = new ClearTaskInstancesRequest { DagId = "flaky", RunId = runId };
        if (start) request.StartDate = Timestamp.FromDateTimeOffset(day);
        if (endBeforeStart) request.EndDate = Timestamp.FromDateTimeOffset(day.AddDays(-1));

        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Clear, request, ClearTaskInstancesResponse.Parser, CancellationToken.None));

        Assert.Equal(CodeFirst.Grpc.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();

    private Task TriggerAsync(string runId, DateTimeOffset logicalDate) =>
        _client.UnaryAsync("codefirst.v1.DagRunService/TriggerDagRun",
            new TriggerDagRunRequest { DagId = "flaky", RunId = runId, LogicalDate = Timestamp.FromDateTimeOffset(logicalDate) }, TriggerDagRunResponse.Parser, CancellationToken.None);
}
