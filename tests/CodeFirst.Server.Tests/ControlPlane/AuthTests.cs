using System.Net;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Storage.Sqlite;
using CodeFirst.Server.ControlPlane;
using CodeFirst.Server.ControlPlane.Auth;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using Google.Protobuf;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>Bearer tokens, roles, the audit log and the loopback rule; each test gets its own server.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private const string ListDags = "/codefirst.v1.DagService/ListDags";
    private const string Trigger = "/codefirst.v1.DagRunService/TriggerDagRun";
    private readonly ControlPlaneHost _host = new();
    private RawGrpcClient _raw = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _raw = new RawGrpcClient(_host.Address);
    }

    public async Task DisposeAsync()
    {
        _raw.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task NoTokens_Loopback_CallsAllowedAndAuditedAsAnonymous()
    {
        var response = await CallAsync(Trigger, new TriggerDagRunRequest { DagId = "passing", RunId = "anon" });

        Assert.Equal(0, response.GrpcStatus);
        var entry = Assert.Single(await _host.Store.ListAuditAsync(10, CancellationToken.None));
        Assert.Equal(("anonymous", "codefirst.v1.DagRunService/TriggerDagRun"), (entry.Who, entry.Method));
        Assert.Contains("run_id=anon", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenExists_MissingOrInvalidToken_Unauthenticated()
    {
        await _host.CreateTokenAsync("reader", ApiRole.Viewer);

        var missing = await CallAsync(ListDags, new ListDagsRequest());
        var invalid = await CallAsync(ListDags, new ListDagsRequest(), "cf_not-a-real-token");

        Assert.Equal(16, missing.GrpcStatus);
        Assert.Contains("bearer token is required", missing.GrpcMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(16, invalid.GrpcStatus);
    }

    [Fact]
    public async Task ViewerToken_ReadAllowedMutationDenied()
    {
        var viewer = await _host.CreateTokenAsync("reader", ApiRole.Viewer);

        Assert.Equal(0, (await CallAsync(ListDags, new ListDagsRequest(), viewer)).GrpcStatus);
        var trigger = await CallAsync(Trigger, new TriggerDagRunRequest { DagId = "passing" }, viewer);

        Assert.Equal(7, trigger.GrpcStatus);
        Assert.Contains("needs role 'operator'", trigger.GrpcMessage, StringComparison.Ordinal);
        Assert.Empty(await _host.Store.ListAuditAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task OperatorToken_TriggerAllowedAndAuditedPoolsDenied()
    {
        var operatorToken = await _host.CreateTokenAsync("ci", ApiRole.Operator);

        Assert.Equal(0, (await CallAsync(Trigger, new TriggerDagRunRequest { DagId = "passing", RunId = "by-ci" }, operatorToken)).GrpcStatus);
        var pool = await CallAsync("/codefirst.v1.PoolService/SetPool", new SetPoolRequest { Name = "p", Slots = 1 }, operatorToken);

        Assert.Equal(7, pool.GrpcStatus);
        var entry = Assert.Single(await _host.Store.ListAuditAsync(10, CancellationToken.None));
        Assert.Equal("ci", entry.Who);
        Assert.StartsWith("ipv4:127.0.0.1:", entry.Peer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfills_ViewerListsAndGets_OperatorCreatesAndCancels()
    {
        const string service = "/codefirst.v1.DagRunService/";
        var viewer = await _host.CreateTokenAsync("reader", ApiRole.Viewer);
        var operatorToken = await _host.CreateTokenAsync("ci", ApiRole.Operator);
        var create = new CreateBackfillRequest
        {
            DagId = "nightly", ConfJson = """{"hold":true}""",
            FromDate = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 6, 1, 0, 0, 0, TimeSpan.Zero)),
            ToDate = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 6, 2, 0, 0, 0, TimeSpan.Zero)),
        };

        var deniedCreate = await CallAsync(service + "CreateBackfill", create, viewer);
        var created = await CallAsync(service + "CreateBackfill", create, operatorToken);
        var id = CreateBackfillResponse.Parser.ParseFrom(Assert.Single(created.Frames)).Backfill.Id;
        var list = await CallAsync(service + "ListBackfills", new ListBackfillsRequest(), viewer);
        var get = await CallAsync(service + "GetBackfill", new GetBackfillRequest { BackfillId = id }, viewer);
        var deniedCancel = await CallAsync(service + "CancelBackfill", new CancelBackfillRequest { BackfillId = id }, viewer);
        var canceled = await CallAsync(service + "CancelBackfill", new CancelBackfillRequest { BackfillId = id }, operatorToken);

        Assert.Equal((7, 0, 0, 0, 7, 0), (deniedCreate.GrpcStatus, created.GrpcStatus, list.GrpcStatus, get.GrpcStatus, deniedCancel.GrpcStatus, canceled.GrpcStatus));
        Assert.Equal(
            [("ci", "codefirst.v1.DagRunService/CancelBackfill"), ("ci", "codefirst.v1.DagRunService/CreateBackfill")],
            (await _host.Store.ListAuditAsync(10, CancellationToken.None)).Select(e => (e.Who, e.Method)));
        foreach (var day in new[] { "01", "02" }) ControlPlaneDags.Open($"backfill__2022-06-{day}T00:00:00+00:00");
    }

    [Fact]
    public async Task RevokedToken_Unauthenticated()
    {
        var admin = await _host.CreateTokenAsync("admin", ApiRole.Admin);
        await _host.CreateTokenAsync("other", ApiRole.Viewer);
        Assert.True(await _host.Store.RevokeTokenAsync("admin", DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.Equal(16, (await CallAsync(ListDags, new ListDagsRequest(), admin)).GrpcStatus);
    }

    [Fact]
    public async Task TokenExists_HealthStaysOpen()
    {
        await _host.CreateTokenAsync("reader", ApiRole.Viewer);

        var health = await CallAsync("/grpc.health.v1.Health/Check", new global::Grpc.Health.V1.HealthCheckRequest());

        Assert.Equal(0, health.GrpcStatus);
    }

    [Fact]
    public async Task NonLoopbackWithoutAuth_RefusesToStartSayingWhy()
    {
        var directory = Directory.CreateTempSubdirectory("codefirst-cp-refuse-").FullName;
        await using var store = new SqliteStore(Path.Combine(directory, "db.sqlite"));
        await using var services = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(new Microsoft.Extensions.DependencyInjection.ServiceCollection());
        var engine = new Runtime.Engine.CodeFirstEngine(store, ControlPlaneDags.All, services);

        var error = await Assert.ThrowsAsync<ControlPlaneStartException>(() => ControlPlaneServer.StartAsync(engine,
            new ControlPlaneOptions { Listen = new IPEndPoint(IPAddress.Any, 0) }, null, CancellationToken.None));

        Assert.Contains("not a loopback address and auth is off", error.Message, StringComparison.Ordinal);
        Assert.Contains("--auth required", error.Message, StringComparison.Ordinal);
    }

    private Task<RawResponse> CallAsync(string path, IMessage request, string? token = null) =>
        _raw.SendAsync(path, RawGrpcClient.Frame(request), headers: token is null ? null : new Dictionary<string, string> { ["authorization"] = "Bearer " + token });
}
