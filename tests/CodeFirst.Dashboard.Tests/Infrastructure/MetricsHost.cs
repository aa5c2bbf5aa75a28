using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;

namespace CodeFirst.Dashboard.Tests.Infrastructure;

/// <summary>
/// A server whose /metrics gauges re-read the database at every scrape, with the triggerer, and DAGs
/// that hold a task running, leave one queued (its queue has no worker), defer on a sensor and run on an
/// asset event. The test opens <see cref="Gate"/> and sets <see cref="SensorReady"/> when it has looked.
/// </summary>
public sealed class MetricsHost : IAsyncLifetime
{
    public const string UnservedQueue = "nobody_serves_this";
    public const string AssetUri = "s3://metrics/in";

    private readonly DashboardHost _host;

    public MetricsHost()
    {
        DagDefinition[] dags =
        [
            Dag("held", new TaskDefinition
            {
                TaskId = "hold", MethodName = "hold", Queue = "etl",
                Invoke = async i => { await Gate.Task.WaitAsync(i.CancellationToken); return null; },
            }),
            Dag("unserved", new TaskDefinition { TaskId = "never", MethodName = "never", Queue = UnservedQueue, Invoke = _ => default }),
            Dag("waiting", new TaskDefinition
            {
                TaskId = "wait", MethodName = "wait", Kind = TaskKind.Sensor,
                Sensor = new SensorSpec { PokeInterval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(60), Deferrable = true },
                Invoke = _ => ValueTask.FromResult<string?>(Volatile.Read(ref _sensorReady) ? "true" : "false"),
            }),
            Dag("asset_consumer", new TaskDefinition { TaskId = "consume", MethodName = "consume", Invoke = _ => default }, $"asset:{AssetUri}"),
        ];
        var options = new EngineOptions { Concurrency = 4, PollInterval = TimeSpan.FromMilliseconds(200), Queues = [TaskDefinition.DefaultQueue, "etl"] };
        _host = new DashboardHost(dags, options, triggerer: true, metricsGaugesMaxAge: TimeSpan.Zero);
    }

    private static bool _sensorReady;

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool SensorReady { set => Volatile.Write(ref _sensorReady, value); }

    public Uri Address => _host.Address;

    public CodeFirstEngine Engine => _host.Engine;

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync()
    {
        Gate.TrySetResult();
        return _host.DisposeAsync();
    }

    private static DagDefinition Dag(string id, TaskDefinition task, string? schedule = null) => new() { DagId = id, Schedule = schedule, Tasks = [task] };
}
