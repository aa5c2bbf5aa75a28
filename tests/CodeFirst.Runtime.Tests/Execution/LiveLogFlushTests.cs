using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Sensors;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;
using CodeFirst.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Tests.Execution;

/// <summary>
/// A worker stores the new log lines of its running tries every LiveLogFlushInterval; when a try ends,
/// is handed back or is rescheduled, only the lines not stored yet are added: none is lost or doubled.
/// </summary>
public sealed class LiveLogFlushTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly EngineOptions FastFlush = new() { Concurrency = 4, LiveLogFlushInterval = TimeSpan.FromMilliseconds(50) };

    private static TaskDefinition AsyncTask(string id, Func<TaskInvocation, Task> body, string[]? upstream = null, string? mapOver = null) => new()
    {
        TaskId = id,
        MethodName = id,
        Upstream = upstream ?? [],
        XComInputs = mapOver is null ? [] : [mapOver],
        MapOver = mapOver,
        Invoke = async invocation =>
        {
            await body(invocation);
            return null;
        },
    };

    [Fact]
    public async Task RunningTry_LinesStoredWhileItRuns_FinalLogHasEachLineOnce()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dag = TestDag.Of("live", AsyncTask("work", async i =>
        {
            i.Logger.LogInformation("before the gate");
            await gate.Task.WaitAsync(i.CancellationToken);
            i.Logger.LogInformation("after the gate");
        }));
        await using var harness = new EngineHarness([dag], options: FastFlush);
        var run = await StartRunAsync(harness, "live");

        var stored = await StoredLogAsync(harness.Store, run.Id, "work", -1, lines => lines.Count > 0);
        Assert.Equal(TaskInstanceState.Running, (await harness.TaskInstancesAsync(run))["work"].State);
        gate.SetResult();
        Assert.Equal(DagRunState.Success, await WaitForRunEndAsync(harness, run));

        Assert.Equal(["before the gate"], stored.Select(l => l.Message));
        Assert.Equal(["before the gate", "after the gate"], (await harness.Store.GetLogAsync(run.Id, "work", -1, 1, default)).Select(l => l.Message));
    }

    [Fact]
    public async Task RunningTry_FlushingOff_StoresTheWholeLogWhenItEnds()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dag = TestDag.Of("off", AsyncTask("work", async i =>
        {
            i.Logger.LogInformation("first");
            logged.SetResult();
            await gate.Task.WaitAsync(i.CancellationToken);
            i.Logger.LogInformation("second");
        }));
        await using var harness = new EngineHarness([dag], options: new EngineOptions { Concurrency = 1, LiveLogFlushInterval = TimeSpan.Zero });
        var run = await StartRunAsync(harness, "off");
        await logged.Task.WaitAsync(Timeout);

        var live = await harness.Engine.LiveLogs.ReadAsync(run.Id, "work", -1, 1, ct => harness.Store.GetLogAsync(run.Id, "work", -1, 1, ct), default);
        var storedWhileRunning = await harness.Store.GetLogAsync(run.Id, "work", -1, 1, default);
        gate.SetResult();
        await WaitForRunEndAsync(harness, run);

        Assert.Equal(["first"], live.Select(l => l.Message));
        Assert.Empty(storedWhileRunning);
        Assert.Equal(["first", "second"], (await harness.Store.GetLogAsync(run.Id, "work", -1, 1, default)).Select(l => l.Message));
    }

    [Fact]
    public async Task MappedInstancesRunningTogether_EachLiveLogIsItsOwn()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var bothLogged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dag = TestDag.Of("fan",
            TestDag.Task("items", i => i.Serialize(new[] { "a", "b" })),
            AsyncTask("each", async i =>
            {
                i.Logger.LogInformation("instance {MapIndex}", i.Context.MapIndex);
                if (Interlocked.Increment(ref started) == 2) bothLogged.SetResult();
                await gate.Task.WaitAsync(i.CancellationToken);
            }, upstream: ["items"], mapOver: "items"));
        // Not flushed: the lines come only from this process's memory, where the two instances must not share an entry.
        await using var harness = new EngineHarness([dag], options: new EngineOptions { Concurrency = 4, LiveLogFlushInterval = TimeSpan.Zero });
        var run = await StartRunAsync(harness, "fan");
        await bothLogged.Task.WaitAsync(Timeout);

        var first = await harness.Engine.LiveLogs.ReadAsync(run.Id, "each", 0, 1, ct => harness.Store.GetLogAsync(run.Id, "each", 0, 1, ct), default);
        var second = await harness.Engine.LiveLogs.ReadAsync(run.Id, "each", 1, 1, ct => harness.Store.GetLogAsync(run.Id, "each", 1, 1, ct), default);
        gate.SetResult();
        await WaitForRunEndAsync(harness, run);

        Assert.Equal(["instance 0"], first.Select(l => l.Message));
        Assert.Equal(["instance 1"], second.Select(l => l.Message));
        Assert.Equal(["instance 1"], (await harness.Store.GetLogAsync(run.Id, "each", 1, 1, default)).Select(l => l.Message));
    }

    [Fact]
    public async Task HandedBackAtShutdown_LinesStoredBeforeAreNotAddedAgain()
    {
        var dag = TestDag.Of("stopping", AsyncTask("work", async i =>
        {
            i.Logger.LogInformation("working until stopped");
            await Task.Delay(System.Threading.Timeout.Infinite, i.CancellationToken);
        }));
        var dir = Directory.CreateTempSubdirectory("codefirst-livelog-").FullName;
        try
        {
            await using var store = new SqliteStore(Path.Combine(dir, "codefirst.db"));
            var engine = new CodeFirstEngine(store, [dag], new ServiceCollection().BuildServiceProvider(),
                new EngineOptions { Concurrency = 1, LiveLogFlushInterval = TimeSpan.FromMilliseconds(50), ShutdownGrace = TimeSpan.Zero });
            await store.MigrateAsync(default);
            await store.SyncDagsAsync([("stopping", false)], default);
            using var stop = new CancellationTokenSource();
            var running = engine.RunAsync(scheduler: false, worker: true, stop.Token);
            var run = await engine.Runs.TriggerAsync(engine.Dags.Get("stopping"), null, null, null, CancellationToken.None);
            await engine.StartRunAsync(run, CancellationToken.None);
            await StoredLogAsync(store, run.Id, "work", -1, lines => lines.Count > 0);

            await stop.CancelAsync();
            await running.WaitAsync(Timeout);

            var log = (await store.GetLogAsync(run.Id, "work", -1, 1, default)).Select(l => l.Message).ToList();
            // The stored line once, then the try's cancellation and the hand-back, added when it stopped.
            Assert.Equal(3, log.Count);
            Assert.Equal("working until stopped", log[0]);
            Assert.StartsWith("Try 1 of 1 failed: A task was canceled.", log[1], StringComparison.Ordinal);
            Assert.Contains("handed back to the queue", log[2], StringComparison.Ordinal);
            Assert.Equal(TaskInstanceState.Queued, Assert.Single(await store.ListTaskInstancesAsync(run.Id, default)).State);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task RescheduledSensor_LinesStoredDuringAPokeAreNotAddedAgain()
    {
        var pokes = 0;
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dag = TestDag.Of("sensing", TestDag.Sensor("wait", i =>
        {
            var poke = Interlocked.Increment(ref pokes);
            i.Logger.LogInformation("poke {Poke}", poke);
            // The first poke lasts until its line is stored, so the reschedule must not store it again.
            if (poke == 1) Assert.True(flushed.Task.Wait(Timeout));
            return poke >= 2;
        }, new SensorSpec { PokeInterval = TimeSpan.FromMilliseconds(50), Timeout = Timeout, Mode = SensorMode.Reschedule }));
        await using var harness = new EngineHarness([dag], options: FastFlush);
        var run = await StartRunAsync(harness, "sensing");

        await StoredLogAsync(harness.Store, run.Id, "wait", -1, lines => lines.Any(l => l.Message == "poke 1"));
        flushed.SetResult();
        Assert.Equal(DagRunState.Success, await WaitForRunEndAsync(harness, run));

        var log = (await harness.Store.GetLogAsync(run.Id, "wait", -1, 1, default)).Select(l => l.Message).ToList();
        Assert.Single(log, m => m == "poke 1");
        Assert.Single(log, m => m == "poke 2");
        Assert.True(log.IndexOf("poke 1") < log.IndexOf("poke 2"));
    }

    private static async Task<DagRunRecord> StartRunAsync(EngineHarness harness, string dagId)
    {
        await harness.StartWorkerAsync();
        var run = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get(dagId), null, null, null, CancellationToken.None);
        await harness.Engine.StartRunAsync(run, CancellationToken.None);
        return run;
    }

    private static async Task<DagRunState> WaitForRunEndAsync(EngineHarness harness, DagRunRecord run)
    {
        var ended = new TaskCompletionSource<DagRunState>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRun(DagRunChange change)
        {
            if (change.RunId == run.RunId && change.State is DagRunState.Success or DagRunState.Failed) ended.TrySetResult(change.State);
        }
        harness.Engine.Events.DagRunChanged += OnRun;
        try
        {
            if (await harness.Store.GetRunAsync(run.DagId, run.RunId, default) is { State: DagRunState.Success or DagRunState.Failed } done) return done.State;
            return await ended.Task.WaitAsync(Timeout);
        }
        finally
        {
            harness.Engine.Events.DagRunChanged -= OnRun;
        }
    }

    // Nothing signals a flush: poll the store as another process's API would, with a hard limit.
    private static Task<IReadOnlyList<LogLine>> StoredLogAsync(IStore store, long runPk, string taskId, int mapIndex, Func<IReadOnlyList<LogLine>, bool> until) =>
        Eventually(async () =>
        {
            var lines = await store.GetLogAsync(runPk, taskId, mapIndex, 1, default);
            return until(lines) ? lines : null;
        }, $"the stored log of {taskId}");

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(20);
        }
        throw new TimeoutException($"Timed out after {Timeout} waiting for {what}.");
    }
}
