using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>ListDagRuns' run_types filter (the dashboard's runs list filters by run type).</summary>
public sealed class RunTypeFilterTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IDisposable
{
    private readonly GrpcClient _client = new(host.Address, null);

    [Fact]
    public async Task ListDagRuns_RunTypes_OnlyRunsOfThoseTypes()
    {
        var date = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await host.Store.CreateRunAsync(new NewDagRun("passing", "scheduled__filter", DagRunType.Scheduled, date, date, date.AddDays(1), "{}", []), date, CancellationToken.None);
        await host.Store.CreateRunAsync(new NewDagRun("passing", "manual__filter", DagRunType.Manual, date, date, date.AddDays(1), "{}", []), date, CancellationToken.None);

        var scheduled = await _client.UnaryAsync("codefirst.v1.DagRunService/ListDagRuns",
            new ListDagRunsRequest { DagId = "passing", RunTypes = { "scheduled" } }, ListDagRunsResponse.Parser, CancellationToken.None);

        Assert.Equal(["scheduled__filter"], scheduled.DagRuns.Select(r => r.RunId));
        Assert.Equal("scheduled", scheduled.DagRuns[0].RunType);
    }

    [Fact]
    public async Task ListDagRuns_UnknownRunType_InvalidArgumentNamingField()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync("codefirst.v1.DagRunService/ListDagRuns",
            new ListDagRunsRequest { RunTypes = { "cron" } }, ListDagRunsResponse.Parser, CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("run_types: 'cron' is not a run type; use scheduled, manual, backfill or asset_triggered.", error.Detail);
    }

    public void Dispose() => _client.Dispose();
}
