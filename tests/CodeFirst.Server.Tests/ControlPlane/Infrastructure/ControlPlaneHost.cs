using System.Net;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;
using CodeFirst.Server.ControlPlane;
using CodeFirst.Server.ControlPlane.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Server.Tests.ControlPlane.Infrastructure;

/// <summary>
/// A real engine (scheduler + worker) on a temp SQLite file and the control plane on a real
/// Kestrel at 127.0.0.1:0. Tests wait on engine events, never on sleeps.
/// </summary>
public sealed class ControlPlaneHost : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("codefirst-cp-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private Task? _engineTask;
    private readonly string? _tlsCertificatePath;
    private readonly string? _tlsCertificatePassword;
    private ControlPlaneServer? _server;

    public ControlPlaneHost() : this(AuthMode.Auto)
    {
    }

    internal ControlPlaneHost(AuthMode auth, string? tlsCertificatePath = null, string? tlsCertificatePassword = null)
    {
        Auth = auth;
        _tlsCertificatePath = tlsCertificatePath;
        _tlsCertificatePassword = tlsCertificatePassword;
    }

    internal AuthMode Auth { get; }

    public Uri Address => _server!.Address;

    public string DatabasePath => Path.Combine(_directory, "codefirst.db");

    internal SqliteStore Store { get; private set; } = null!;

    internal CodeFirstEngine Engine { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = new SqliteStore(DatabasePath);
        Engine = new CodeFirstEngine(Store, ControlPlaneDags.All, _services,
            new EngineOptions { Concurrency = 4, PollInterval = TimeSpan.FromMilliseconds(200) });
        await Store.MigrateAsync(CancellationToken.None);
        _engineTask = Engine.RunAsync(scheduler: true, worker: true, _stop.Token);
        _server = await ControlPlaneServer.StartAsync(Engine,
            new ControlPlaneOptions
            {
                Listen = new IPEndPoint(IPAddress.Loopback, 0), Auth = Auth, PollInterval = TimeSpan.FromMilliseconds(200),
                TlsCertificatePath = _tlsCertificatePath, TlsCertificatePassword = _tlsCertificatePassword,
            },
            logging: null, CancellationToken.None).WaitAsync(StartTimeout);
    }

    /// <summary>Creates a token as 'tokens create' does and returns its secret.</summary>
    internal async Task<string> CreateTokenAsync(string name, ApiRole role)
    {
        var secret = ApiTokens.NewSecret();
        Assert.True(await Store.CreateTokenAsync(new ApiTokenRecord(name, role.Name(), ApiTokens.Hash(secret), DateTimeOffset.UtcNow), CancellationToken.None));
        return secret;
    }

    /// <summary>Completes with the run's final state (success or failed); fails the test after the timeout.</summary>
    internal async Task<DagRunState> WaitForRunEndAsync(string dagId, string runId, TimeSpan? timeout = null)
    {
        var ended = new TaskCompletionSource<DagRunState>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRun(DagRunChange change)
        {
            if (change.DagId == dagId && change.RunId == runId && change.State is DagRunState.Success or DagRunState.Failed) ended.TrySetResult(change.State);
        }

        Engine.Events.DagRunChanged += OnRun;
        try
        {
            // Subscribed first, then checked: a run that ended before we subscribed is seen here.
            if (await Store.GetRunAsync(dagId, runId, CancellationToken.None) is { State: DagRunState.Success or DagRunState.Failed } run) return run.State;
            return await ended.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        finally
        {
            Engine.Events.DagRunChanged -= OnRun;
        }
    }

    /// <summary>Completes once the task instance reaches the state (checked after subscribing).</summary>
    internal async Task WaitForTaskStateAsync(string dagId, string runId, string taskId, TaskInstanceState state, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnTask(TaskInstanceChange change)
        {
            if (change.DagId == dagId && change.RunId == runId && change.TaskId == taskId && change.State == state) reached.TrySetResult();
        }

        Engine.Events.TaskInstanceChanged += OnTask;
        try
        {
            if (await Store.GetRunAsync(dagId, runId, CancellationToken.None) is { } run
                && (await Store.ListTaskInstancesAsync(run.Id, CancellationToken.None)).Any(t => t.TaskId == taskId && t.State == state))
            {
                return;
            }
            await reached.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        finally
        {
            Engine.Events.TaskInstanceChanged -= OnTask;
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _stop.CancelAsync();
        if (_engineTask is not null)
        {
            try
            {
                await _engineTask.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
            }
        }
        await Store.DisposeAsync();
        await _services.DisposeAsync();
        _stop.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
