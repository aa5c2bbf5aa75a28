using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Runtime.Tests.Support;

/// <summary>
/// Like <see cref="EngineHarness"/>, on PostgreSQL: each <see cref="StartProcessAsync"/> is one
/// more "process" (its own store, connection pool, listener and worker) on the same database.
/// </summary>
internal sealed class PostgresEngineHarness(string connectionString, string schema, IReadOnlyList<DagDefinition> dags) : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(PostgresStore Store, Task Running)> _processes = [];

    /// <summary>Starts an engine with a worker on its own store; the first one also migrates and syncs the DAGs.</summary>
    public async Task<CodeFirstEngine> StartProcessAsync(EngineOptions options)
    {
        var store = new PostgresStore(connectionString, new PostgresStoreOptions { Schema = schema });
        var engine = new CodeFirstEngine(store, dags, new ServiceCollection().BuildServiceProvider(), options);
        await store.MigrateAsync(CancellationToken.None);
        await store.SyncDagsAsync(dags.Select(d => (d.DagId, false)).ToArray(), CancellationToken.None);
        _processes.Add((store, engine.RunAsync(scheduler: false, worker: true, _stop.Token)));
        return engine;
    }

    /// <summary>Triggers a manual run on <paramref name="engine"/>, starts it and waits until it is over in the database.</summary>
    public static async Task<DagRunRecord> RunAsync(CodeFirstEngine engine, string dagId, string? runId = null)
    {
        var run = await engine.Runs.TriggerAsync(engine.Dags.Get(dagId), null, null, runId, CancellationToken.None);
        // Another process may finish the run, so this process's events are not enough: the
        // scheduler wake-up (NOTIFY on run finish) says when to look again.
        var wake = new WorkSignal();
        using var listening = new CancellationTokenSource();
        var listener = ((IStoreListener)engine.Store).ListenAsync(w => { if (w == StoreWakeUp.Scheduler) wake.Set(); }, listening.Token);
        try
        {
            await engine.StartRunAsync(run, CancellationToken.None);
            var deadline = DateTimeOffset.UtcNow + Timeout;
            while (true)
            {
                var current = (await engine.Store.GetRunAsync(dagId, run.RunId, CancellationToken.None))!;
                if (current.State is DagRunState.Success or DagRunState.Failed) return current;
                if (!await wake.WaitAsync(deadline - DateTimeOffset.UtcNow, CancellationToken.None))
                    throw new TimeoutException($"Run {run.RunId} did not finish within {Timeout}; it is {current.State}.");
            }
        }
        finally
        {
            await listening.CancelAsync();
            try { await listener; } catch (OperationCanceledException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var (store, running) in _processes)
        {
            await running;
            await store.DisposeAsync();
        }
        _stop.Dispose();
    }
}
