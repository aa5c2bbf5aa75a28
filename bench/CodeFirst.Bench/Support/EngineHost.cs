using System.Collections.Concurrent;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Bench.Support;

/// <summary>
/// An engine over the chosen store with only the worker role running; runs are triggered and
/// started directly (as <c>dags test</c> and the runtime tests do) and awaited through engine events.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DagRunState>> _waiting = new(StringComparer.Ordinal);
    private Task? _running;

    public EngineHost(IStore store, IEnumerable<DagDefinition> dags, EngineOptions options, TimeProvider? time = null)
    {
        Store = store;
        Engine = new CodeFirstEngine(store, dags, new ServiceCollection().BuildServiceProvider(), options, time);
        Engine.Events.DagRunChanged += OnRunChanged;
    }

    public IStore Store { get; }
    public CodeFirstEngine Engine { get; }

    /// <summary>Creates the schema and unpaused DAG rows.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await Store.MigrateAsync(cancellationToken);
        await Store.SyncDagsAsync(Engine.Dags.Dags.Select(d => (d.DagId, false)).ToArray(), cancellationToken);
    }

    public void StartWorker() => _running = Engine.RunAsync(scheduler: false, worker: true, _stop.Token);

    /// <summary>Triggers a manual run and starts it; the returned task completes with the run's final state.</summary>
    public async Task<Task<DagRunState>> TriggerAndStartAsync(string dagId, CancellationToken cancellationToken)
    {
        var runId = $"bench__{Guid.NewGuid():N}";
        var finished = new TaskCompletionSource<DagRunState>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[runId] = finished;
        var run = await Engine.Runs.TriggerAsync(Engine.Dags.Get(dagId), null, null, runId, cancellationToken);
        await Engine.StartRunAsync(run, cancellationToken);
        return finished.Task.WaitAsync(Timeout, cancellationToken);
    }

    private void OnRunChanged(DagRunChange change)
    {
        if (change.State is DagRunState.Success or DagRunState.Failed && _waiting.TryRemove(change.RunId, out var finished))
            finished.TrySetResult(change.State);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null) await _running;
        await Store.DisposeAsync();
        _stop.Dispose();
    }
}
