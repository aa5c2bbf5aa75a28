using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;
using CodeFirst.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Runtime.Tests.Processes;

/// <summary>The engine registers its process before its roles start and marks it stopped when they have ended.</summary>
public sealed class EngineProcessRegistryTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-processes-").FullName;

    [Fact]
    public async Task RunAsync_AllRoles_ListedAsRunningStandaloneThenStopped()
    {
        await using var store = new SqliteStore(Path.Combine(_dir, "codefirst.db"));
        var options = new EngineOptions { Concurrency = 3, Queues = ["default", "gpu"], WorkerId = "engine-under-test", PollInterval = TimeSpan.FromMilliseconds(100) };
        var engine = new CodeFirstEngine(store, [TestDag.Of("d", TestDag.Task("t", _ => null))], new ServiceCollection().BuildServiceProvider(), options);
        using var stop = new CancellationTokenSource();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Events.DagRunChanged += change =>
        {
            if (change.State is DagRunState.Success or DagRunState.Failed) finished.TrySetResult();
        };
        await store.MigrateAsync(CancellationToken.None);
        await store.SyncDagsAsync([("d", false)], CancellationToken.None);

        var running = engine.RunAsync(scheduler: true, worker: true, triggerer: true, stop.Token);
        await engine.Runs.TriggerAsync(engine.Dags.Get("d"), null, null, null, CancellationToken.None);
        engine.WakeScheduler();
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var live = Assert.Single(await store.ListProcessesAsync(CancellationToken.None));
        Assert.Equal(("engine-under-test", "standalone", Environment.MachineName, Environment.ProcessId, 3), (live.Id, live.Role, live.Hostname, live.Pid, live.Concurrency));
        Assert.Equal(["default", "gpu"], live.Queues);
        Assert.Equal(ProcessStatus.Running, live.StatusAt(DateTimeOffset.UtcNow));

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        var stopped = Assert.Single(await store.ListProcessesAsync(CancellationToken.None));
        Assert.Equal(ProcessStatus.Stopped, stopped.StatusAt(DateTimeOffset.UtcNow));
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
