using System.Diagnostics;
using System.Net;
using CodeFirst.Bench.Support;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.ControlPlane;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Bench.Scenarios;

/// <summary>
/// An asset event posted over gRPC (<c>AssetService.CreateAssetEvent</c>: an HTTP/2 client, the
/// control plane on Kestrel) → the first task of the asset-scheduled DAG running, on an engine running
/// its scheduler and worker in the same process; the task stamps its start. One event at a time: the
/// next is posted once the previous run succeeded. <c>--direct</c> calls <c>AssetEvents.EmitAsync</c>
/// (what the handler calls) instead, to show what the gRPC hop costs.
/// </summary>
internal static class EventScenario
{
    private const string Uri = "bench://event";

    public static async Task<ResultLine> RunAsync(BenchArgs args, DbTarget db, CancellationToken cancellationToken)
    {
        var repeat = args.Int("repeat", 200);
        var direct = args.Flag("direct");
        args.EnsureAllRead();
        if (repeat < 1) throw new BenchException("--repeat must be at least 1.");

        TaskCompletionSource<long>? started = null;
        var dag = new DagDefinition
        {
            DagId = "bench_event",
            Schedule = "asset:" + Uri,
            Tasks = [new TaskDefinition
            {
                TaskId = "first", MethodName = "first",
                Invoke = _ => { started?.TrySetResult(Stopwatch.GetTimestamp()); return ValueTask.FromResult<string?>(null); },
            }],
        };
        await using var store = StoreFactory.Create(db);
        var engine = new CodeFirstEngine(store, [dag], new ServiceCollection().BuildServiceProvider(), new EngineOptions { Concurrency = 2 });
        await store.MigrateAsync(cancellationToken);
        await store.SyncDagsAsync([(dag.DagId, false)], cancellationToken);
        using var succeeded = new SemaphoreSlim(0);
        engine.Events.DagRunChanged += c => { if (c.DagId == dag.DagId && c.State == DagRunState.Success) succeeded.Release(); };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var roles = engine.RunAsync(scheduler: true, worker: true, stop.Token);
        await engine.SchedulePassAsync(cancellationToken); // asset references synced before the first event
        await using var server = await ControlPlaneServer.StartAsync(engine, new ControlPlaneOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0) }, null, cancellationToken);
        using var client = new GrpcClient(server.Address, token: null);
        async Task PostAsync(int n)
        {
            if (direct)
            {
                await engine.Assets!.EmitAsync(Uri, $$"""{"n":{{n}}}""", cancellationToken);
                return;
            }
            var request = new CreateAssetEventRequest { AssetUri = Uri, Extra = new Google.Protobuf.WellKnownTypes.Struct() };
            request.Extra.Fields["n"] = Google.Protobuf.WellKnownTypes.Value.ForNumber(n);
            await client.UnaryAsync("codefirst.v1.AssetService/CreateAssetEvent", request, CodeFirst.Proto.V1.AssetEvent.Parser, cancellationToken);
        }

        var loadBefore = MachineLoad.OneMinute();
        var latencies = new List<double>();
        for (var i = -5; i < repeat; i++) // 5 untimed warm-up events: JIT, connection pools, the HTTP/2 connection
        {
            started = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var posted = Stopwatch.GetTimestamp();
            await PostAsync(i);
            var running = await started.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            if (i >= 0) latencies.Add(Stats.Ms(posted, running));
            await succeeded.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        await stop.CancelAsync();
        try { await roles; } catch (OperationCanceledException) { }

        return new ResultLine("event", db.Label)
            .Add("measured", direct
                ? "AssetEvents.EmitAsync (what the gRPC handler calls; no gRPC hop) → first task of the asset-scheduled DAG running; scheduler + worker in one process, one event at a time"
                : "gRPC AssetService.CreateAssetEvent over HTTP/2 (loopback, the control plane on Kestrel in the engine's process) → first task of the asset-scheduled DAG running; scheduler + worker in that process, one event at a time")
            .Add("repeat", repeat)
            .Add("event_p50_ms", Stats.Percentile(latencies, 50))
            .Add("event_p90_ms", Stats.Percentile(latencies, 90))
            .Add("event_p99_ms", Stats.Percentile(latencies, 99))
            .Add("event_max_ms", latencies.Max())
            .Add("load_1m_before", loadBefore)
            .Add("load_1m_after", MachineLoad.OneMinute());
    }
}
