using System.Net;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;
using CodeFirst.Server.ControlPlane;
using CodeFirst.Server.ControlPlane.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Dashboard.Tests.Infrastructure;

/// <summary>
/// A real engine (scheduler + worker) on a temp SQLite file, and the control plane with the dashboard on
/// Kestrel at 127.0.0.1:0 (gRPC port and HTTP/1.1 dashboard port).
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("codefirst-dash-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private Task? _engineTask;
    private readonly IReadOnlyList<CodeFirst.Definitions.DagDefinition> _dags;
    private readonly EngineOptions _options;
    private readonly bool _triggerer;
    private readonly TimeSpan _metricsGaugesMaxAge;
    private ControlPlaneServer? _server;
    private SqliteStore? _store;

    public DashboardHost()
        : this(DashboardDags.All, new EngineOptions { Concurrency = 4, PollInterval = TimeSpan.FromMilliseconds(200) }, triggerer: false, TimeSpan.FromSeconds(5))
    {
    }

    /// <summary>Another set of DAGs and engine options, optionally with the triggerer, for hosts built on this one.</summary>
    internal DashboardHost(IReadOnlyList<CodeFirst.Definitions.DagDefinition> dags, EngineOptions options, bool triggerer, TimeSpan metricsGaugesMaxAge) =>
        (_dags, _options, _triggerer, _metricsGaugesMaxAge) = (dags, options, triggerer, metricsGaugesMaxAge);

    public CodeFirstEngine Engine { get; private set; } = null!;

    /// <summary>The dashboard's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address => _server!.DashboardAddress!;

    /// <summary>With a token the control plane enforces auth; its secret is <see cref="Token"/>.</summary>
    public bool WithToken { get; init; }

    public string? Token { get; private set; }

    /// <summary>The database, for tests that arrange rows the UI cannot create (a dead process).</summary>
    internal SqliteStore Store => _store!;

    public async Task InitializeAsync()
    {
        _store = new SqliteStore(Path.Combine(_directory, "codefirst.db"));
        var engine = Engine = new CodeFirstEngine(_store, _dags, _services, _options);
        await _store.MigrateAsync(CancellationToken.None);
        if (WithToken)
        {
            Token = ApiTokens.NewSecret();
            await _store.CreateTokenAsync(new ApiTokenRecord("tester", ApiRole.Admin.Name(), ApiTokens.Hash(Token), DateTimeOffset.UtcNow), CancellationToken.None);
        }
        _engineTask = engine.RunAsync(scheduler: true, worker: true, triggerer: _triggerer, _stop.Token);
        _server = await ControlPlaneServer.StartAsync(engine,
            new ControlPlaneOptions
            {
                Listen = new IPEndPoint(IPAddress.Loopback, 0),
                Dashboard = new IPEndPoint(IPAddress.Loopback, 0),
                PollInterval = TimeSpan.FromMilliseconds(200),
                MetricsGaugesMaxAge = _metricsGaugesMaxAge,
            },
            logging: null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _stop.CancelAsync();
        if (_engineTask is not null)
        {
            try { await _engineTask.WaitAsync(TimeSpan.FromSeconds(30)); } catch (OperationCanceledException) { }
        }
        if (_store is not null) await _store.DisposeAsync();
        await _services.DisposeAsync();
        _stop.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
