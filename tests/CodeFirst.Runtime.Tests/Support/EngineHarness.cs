using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Runtime.Tests.Support;

/// <summary>An engine on a fresh SQLite file with a worker running; runs are awaited through engine events.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-tests-").FullName;
    private Task? _running;

    /// <param name="decorate">Wraps the store the engine uses (tests that watch its calls); <see cref="Store"/> stays the SQLite store.</param>
    public EngineHarness(IEnumerable<DagDefinition> dags, Action<IServiceCollection>? services = null, EngineOptions? options = null, TimeProvider? time = null,
        Func<IStore, IStore>? decorate = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        Store = new SqliteStore(Path.Combine(_dir, "codefirst.db"));
        Engine = new CodeFirstEngine(decorate?.Invoke(Store) ?? Store, dags, collection.BuildServiceProvider(), options ?? new EngineOptions { Concurrency = 4 }, time);
    }

    public SqliteStore Store { get; }

    /// <summary>Runs the triggerer beside the worker (deferrable sensors and triggers).</summary>
    public bool RunTriggerer { get; init; }
    public CodeFirstEngine Engine { get; }

    /// <summary>Creates the schema and the DAG rows (unpaused) without starting anything.</summary>
    public async Task PrepareAsync()
    {
        await Store.MigrateAsync(CancellationToken.None);
        await Store.SyncDagsAsync(Engine.Dags.Dags.Select(d => (d.DagId, false)).ToArray(), CancellationToken.None);
    }

    public async Task StartWorkerAsync()
    {
        await PrepareAsync();
        _running = Engine.RunAsync(scheduler: false, worker: true, triggerer: RunTriggerer, _stop.Token);
    }

    /// <summary>Triggers a manual run, starts it and waits for its final state.</summary>
    public async Task<DagRunRecord> RunAsync(string dagId, string? conf = null)
    {
        if (_running is null) await StartWorkerAsync();
        var run = await Engine.Runs.TriggerAsync(Engine.Dags.Get(dagId), conf, null, null, CancellationToken.None);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRun(DagRunChange change)
        {
            if (change.RunId == run.RunId && change.State is DagRunState.Success or DagRunState.Failed) finished.TrySetResult();
        }
        Engine.Events.DagRunChanged += OnRun;
        try
        {
            await Engine.StartRunAsync(run, CancellationToken.None);
            await finished.Task.WaitAsync(Timeout);
        }
        finally
        {
            Engine.Events.DagRunChanged -= OnRun;
        }
        return (await Store.GetRunAsync(dagId, run.RunId, CancellationToken.None))!;
    }

    /// <summary>Runs <paramref name="action"/> and waits until the run reaches a final state again.</summary>
    public async Task<DagRunRecord> RerunAsync(DagRunRecord run, Func<Task> action)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRun(DagRunChange change)
        {
            if (change.RunId == run.RunId && change.State is DagRunState.Success or DagRunState.Failed) finished.TrySetResult();
        }
        Engine.Events.DagRunChanged += OnRun;
        try
        {
            await action();
            await Engine.SchedulePassAsync(CancellationToken.None);
            await finished.Task.WaitAsync(Timeout);
        }
        finally
        {
            Engine.Events.DagRunChanged -= OnRun;
        }
        return (await Store.GetRunAsync(run.DagId, run.RunId, CancellationToken.None))!;
    }

    public async Task<Dictionary<string, TaskInstanceRecord>> TaskInstancesAsync(DagRunRecord run) =>
        (await Store.ListTaskInstancesAsync(run.Id, CancellationToken.None)).ToDictionary(t => t.TaskId);

    /// <summary>The instances of one task in map-index order (one, at -1, for a task that is not mapped).</summary>
    public async Task<IReadOnlyList<TaskInstanceRecord>> InstancesAsync(DagRunRecord run, string taskId) =>
        (await Store.ListTaskInstancesAsync(run.Id, CancellationToken.None)).Where(t => t.TaskId == taskId).OrderBy(t => t.MapIndex).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null) await _running;
        await Store.DisposeAsync();
        _stop.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
