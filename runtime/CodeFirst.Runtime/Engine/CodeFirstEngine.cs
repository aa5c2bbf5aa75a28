using CodeFirst.Definitions;
using CodeFirst.Runtime.Execution;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// One process's scheduler and worker over one store. <see cref="RunAsync"/> runs the roles
/// asked for until the token is cancelled.
/// </summary>
public sealed class CodeFirstEngine
{
    private readonly WorkSignal _work = new();
    private readonly WorkSignal _schedulerWake = new();
    private readonly DagScheduler _scheduler;
    private readonly Worker _worker;
    private readonly LiveLogFlusher _liveLogFlusher;
    private readonly WorkSignal _triggerWake = new();
    private readonly Triggers.Triggerer? _triggerer;
    private readonly Assets.Watchers.WatcherRunner? _watchers;
    private readonly ILoggerFactory _loggers;

    public CodeFirstEngine(IStore store, IEnumerable<DagDefinition> dags, IServiceProvider services, EngineOptions? options = null, TimeProvider? time = null)
    {
        Store = store;
        Options = options ?? new EngineOptions();
        Dags = new DagBag(dags, Options.MaxMapLength);
        Time = time ?? TimeProvider.System;
        var loggers = services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _loggers = loggers;
        Runs = new RunFactory(store, Time);
        var callbacks = new CallbackRunner(services, loggers.CreateLogger<CallbackRunner>());
        var waiting = new WaitingRunWaker(store, Dags, Events, _work, _schedulerWake, Time);
        var suspender = new Triggers.TaskSuspender(store, Events, _work, _triggerWake, Time);
        var finisher = new TaskFinisher(store, Dags, Events, _work, _schedulerWake, Options, Time, callbacks, waiting, suspender, loggers.CreateLogger<TaskFinisher>());
        var triggerStore = store as ITriggerStore;
        var executor = new TaskExecutor(Dags, store, services, loggers, Options, Time, new Sensors.SensorRunner(triggerStore!, Time), LiveLogs);
        if (triggerStore is not null)
            _triggerer = new Triggers.Triggerer(triggerStore, new Triggers.TriggerFactory(Dags, store, Time), services, Events, _work, _triggerWake, Options, Time, loggers);
        var reaper = new ZombieReaper(store, Dags, Events, _work, Options, Time, loggers.CreateLogger<ZombieReaper>(), callbacks, waiting);
        Operations = new Operations.TaskInstanceOperations(store, Dags, Events, _schedulerWake.Set, _work.Set, Time, callbacks);
        var backfillRunner = store is IBackfillStore backfillStore ? new Backfills.BackfillRunner(store, backfillStore, Dags, Runs, Operations, Time) : null;
        var perEventUris = services.GetServices<CodeFirst.Watchers.AssetRunModeRegistration>()
            .Where(r => r.Mode == CodeFirst.Watchers.AssetRunMode.PerEvent).Select(r => r.Uri).ToHashSet(StringComparer.Ordinal);
        _scheduler = new DagScheduler(store, Dags, Runs, reaper, Events, _work, _schedulerWake, Options, Time, loggers.CreateLogger<DagScheduler>(), backfillRunner,
            perEventUris.Count > 0 ? new Assets.PerEventRuns(perEventUris, Runs) : null, callbacks);
        var watchers = services.GetServices<CodeFirst.Watchers.AssetWatcherRegistration>().ToArray();
        if (watchers.Length > 0 && store is IAssetStore watchedAssets && store is IAssetWatcherStore leases)
            _watchers = new Assets.Watchers.WatcherRunner(watchers, watchedAssets, leases, services, _schedulerWake.Set, Options, Time, loggers);
        Backfills = store is IBackfillStore backfillApi ? new Backfills.Backfills(store, backfillApi, Dags, _schedulerWake.Set, Time) : null;
        Assets = store is IAssetStore assetStore ? new Assets.AssetEvents(assetStore, _schedulerWake.Set, Time) : null;
        NextExecutions = new Scheduling.NextExecutions(store, Dags, Time);
        _liveLogFlusher = new LiveLogFlusher(LiveLogs, store, Options, Time, loggers.CreateLogger<LiveLogFlusher>());
        _worker = new Worker(store, executor, finisher, Events, _work, Options, Time, loggers.CreateLogger<Worker>(),
            Dags.Dags.ToDictionary(d => d.DagId, d => d.Definition.MaxActiveTasks, StringComparer.Ordinal));
    }

    public IStore Store { get; }
    public DagBag Dags { get; }
    public EngineOptions Options { get; }
    public TimeProvider Time { get; }
    public RunFactory Runs { get; }
    public EngineEvents Events { get; } = new();

    /// <summary>The log lines of the tries this process's worker runs now (stored while they run, every <see cref="EngineOptions.LiveLogFlushInterval"/>).</summary>
    public LiveTaskLogs LiveLogs { get; } = new();

    /// <summary>Backfills run by the scheduler (<c>dags backfill</c>); null when the store cannot hold them.</summary>
    public Backfills.Backfills? Backfills { get; }

    /// <summary>Asset events posted from outside (<c>assets emit</c>); null when the store cannot hold them.</summary>
    public Assets.AssetEvents? Assets { get; }

    /// <summary>Upcoming automated runs (<c>dags next-execution</c>).</summary>
    public Scheduling.NextExecutions NextExecutions { get; }

    /// <summary>Clear and mark operations on existing runs.</summary>
    public Operations.TaskInstanceOperations Operations { get; }

    /// <summary>Runs the scheduler and/or the worker until <paramref name="stoppingToken"/> is cancelled.</summary>
    public Task RunAsync(bool scheduler, bool worker, CancellationToken stoppingToken) =>
        RunAsync(scheduler, worker, triggerer: false, stoppingToken);

    /// <summary>Runs the scheduler, the worker and/or the triggerer until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(bool scheduler, bool worker, bool triggerer, CancellationToken stoppingToken)
    {
        if (triggerer && _triggerer is null) throw new InvalidOperationException($"{Store.GetType().Name} does not store triggers; the triggerer cannot run on it.");
        await Store.MigrateAsync(stoppingToken);
        // Registered before any role claims work, so whatever this process does is attributable to a listed process.
        var heartbeat = Heartbeat(scheduler, worker, triggerer);
        if (heartbeat is not null) await heartbeat.BeatAsync(stoppingToken);
        var roles = new List<Task>();
        if (scheduler) roles.Add(_scheduler.RunAsync(stoppingToken));
        if (worker) roles.Add(_worker.RunAsync(stoppingToken));
        if (triggerer) roles.Add(_triggerer!.RunAsync(stoppingToken));
        if (triggerer && _watchers is not null) roles.Add(_watchers.RunAsync(stoppingToken));
        if (Store is IStoreListener listener) roles.Add(ListenAsync(listener, stoppingToken));
        // The registry row outlives the roles' shutdown grace: it is marked stopped once they have all ended.
        using var heartbeatStop = new CancellationTokenSource();
        var beating = heartbeat?.RunAsync(heartbeatStop.Token) ?? Task.CompletedTask;
        // Like the registry row, live logs keep being stored while the worker drains its running tries.
        var flushing = worker ? _liveLogFlusher.RunAsync(heartbeatStop.Token) : Task.CompletedTask;
        try
        {
            await Task.WhenAll(roles);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await beating;
            await flushing;
        }
    }

    /// <summary>Tasks running in this process's worker now.</summary>
    public int RunningTasks => _worker.RunningCount;

    private Processes.ProcessHeartbeat? Heartbeat(bool scheduler, bool worker, bool triggerer)
    {
        if (Store is not IMonitorStore monitor || !(scheduler || worker || triggerer)) return null;
        var identity = new Processes.ProcessIdentity(Options.WorkerId, Processes.ProcessIdentity.RoleName(scheduler, worker, triggerer),
            Environment.MachineName, Environment.ProcessId, worker ? Options.Queues?.ToArray() : [], worker ? Options.Concurrency : 0);
        return new Processes.ProcessHeartbeat(monitor, identity, () => (RunningTasks, RunningTriggers), Options, Time, _loggers.CreateLogger<Processes.ProcessHeartbeat>());
    }

    private async Task ListenAsync(IStoreListener listener, CancellationToken stoppingToken)
    {
        try
        {
            // A work wake-up this engine's own worker sent is already handled by that worker (it claims what it queued).
            await listener.ListenAsync((wake, origin) =>
            {
                if (wake == StoreWakeUp.Work && origin == Options.WorkerId) return;
                (wake == StoreWakeUp.Work ? _work : _schedulerWake).Set();
            }, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One scheduling pass now (tests and <c>dags test</c> drive the scheduler this way).</summary>
    public Task SchedulePassAsync(CancellationToken cancellationToken) => _scheduler.TickAsync(cancellationToken);

    /// <summary>Starts one queued run now, ignoring MaxActiveRuns (<c>dags test</c> runs a single run this way).</summary>
    public Task StartRunAsync(DagRunRecord run, CancellationToken cancellationToken) =>
        _scheduler.StartRunAsync(Dags.Get(run.DagId), run, cancellationToken);

    /// <summary>Triggers the triggerer of this engine runs now (0 when it does not run one).</summary>
    public int RunningTriggers => _triggerer?.RunningCount ?? 0;

    /// <summary>The asset watchers this engine's triggerer holds now (none when it does not run one).</summary>
    public IReadOnlyCollection<string> RunningWatchers => _watchers?.RunningNames ?? [];

    /// <summary>Wakes the scheduler early, e.g. after a run was triggered in this process.</summary>
    public void WakeScheduler() => _schedulerWake.Set();
}
