using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>The process registry and queue depths: on every store.</summary>
public abstract partial class StoreConformanceTests
{
    private IMonitorStore Monitor => (IMonitorStore)Store;

    private static ProcessRecord Process(string id, string role = "worker", DateTimeOffset? heartbeat = null, IReadOnlyList<string>? queues = null, int tasks = 0) =>
        new(id, role, "host-1", 4242, queues, 8, Now, heartbeat ?? Now, TimeSpan.FromSeconds(10), tasks, 0);

    [Fact]
    public async Task RecordProcessAsync_FirstReportThenHeartbeat_OneRowWithTheLatestValues()
    {
        await Monitor.RecordProcessAsync(Process("w1", queues: ["default", "gpu"]), default);
        await Monitor.RecordProcessAsync(Process("w1", heartbeat: Now.AddSeconds(10), queues: ["default", "gpu"], tasks: 3), default);
        await Monitor.RecordProcessAsync(Process("s1", role: "scheduler", queues: []), default);
        await Monitor.RecordProcessAsync(Process("a1", role: "standalone"), default);

        var processes = await Monitor.ListProcessesAsync(default);

        Assert.Equal(["scheduler", "standalone", "worker"], processes.Select(p => p.Role));
        var worker = processes[2];
        Assert.Equal(("w1", "host-1", 4242, 8, 3, 0), (worker.Id, worker.Hostname, worker.Pid, worker.Concurrency, worker.RunningTasks, worker.RunningTriggers));
        Assert.Equal((Now, Now.AddSeconds(10), TimeSpan.FromSeconds(10), (DateTimeOffset?)null), (worker.StartedAt, worker.LastHeartbeat, worker.HeartbeatInterval, worker.StoppedAt));
        Assert.Equal(["default", "gpu"], worker.Queues);
        Assert.Empty(processes[0].Queues!);
        Assert.Null(processes[1].Queues); // every queue
    }

    [Fact]
    public async Task MarkProcessStoppedAsync_KnownAndUnknownIds_StoppedWithNothingRunning()
    {
        await Monitor.RecordProcessAsync(Process("w1", tasks: 2), default);

        Assert.True(await Monitor.MarkProcessStoppedAsync("w1", Now.AddMinutes(1), default));
        Assert.False(await Monitor.MarkProcessStoppedAsync("missing", Now, default));

        var stopped = Assert.Single(await Monitor.ListProcessesAsync(default));
        Assert.Equal((Now.AddMinutes(1), 0), (stopped.StoppedAt, stopped.RunningTasks));
        Assert.Equal(ProcessStatus.Stopped, stopped.StatusAt(Now.AddMinutes(1)));
    }

    [Fact]
    public async Task PruneProcessesAsync_OnlyRowsWithOlderHeartbeats_AreDeleted()
    {
        await Monitor.RecordProcessAsync(Process("old", heartbeat: Now.AddHours(-2)), default);
        await Monitor.RecordProcessAsync(Process("edge", heartbeat: Now.AddHours(-1)), default);
        await Monitor.RecordProcessAsync(Process("fresh", heartbeat: Now), default);

        Assert.Equal(1, await Monitor.PruneProcessesAsync(Now.AddHours(-1), default));

        Assert.Equal(["edge", "fresh"], (await Monitor.ListProcessesAsync(default)).Select(p => p.Id));
    }

    [Fact]
    public async Task ListQueueDepthsAsync_QueuedRunningAndDeferred_CountedPerQueue()
    {
        Assert.Empty(await Monitor.ListQueueDepthsAsync(default));
        var run = await CreateRunWithAsync("r1",
            new NewTaskInstance("a", 1, 10, "default"), new NewTaskInstance("b", 1, 9, "default", "db", 2),
            new NewTaskInstance("c", 1, 5, "gpu"), new NewTaskInstance("d", 1, 1, "gpu"), new NewTaskInstance("e", 1, 1, "default"));
        await Store.SetPoolAsync("db", 4, null, default);
        await QueueAllAsync(run);
        var claimed = await Store.ClaimAsync(Request("w", 2), default);
        Assert.Equal(["a", "b"], claimed.Select(c => c.TaskId));
        Assert.True(await Triggers.DeferAsync(claimed[1].Id, "w", new NewTrigger("kind", "{}", null), [], Now, default));

        var depths = await Monitor.ListQueueDepthsAsync(default);

        Assert.Equal([new QueueDepth("default", 1, 1, 1), new QueueDepth("gpu", 2, 0, 0)], depths);
        var pool = await Store.GetPoolAsync("db", default);
        Assert.Equal((0, 0, 2, 4), (pool!.RunningSlots, pool.QueuedSlots, pool.DeferredSlots, pool.OpenSlots));
    }
}
