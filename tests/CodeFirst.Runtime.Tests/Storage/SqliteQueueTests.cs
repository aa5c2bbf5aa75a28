using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;

namespace CodeFirst.Runtime.Tests.Storage;

public sealed class SqliteQueueTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-store-").FullName;
    private SqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteStore(Path.Combine(_dir, "db.sqlite"));
        await _store.MigrateAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_IsIdempotent()
    {
        await _store.MigrateAsync(default);
        await using var other = new SqliteStore(_store.DatabasePath);
        await other.MigrateAsync(default);
        Assert.Empty(await other.ListDagsAsync(default));
    }

    [Fact]
    public async Task ClaimAsync_TwoProcessesAtOnce_EachInstanceClaimedOnce()
    {
        var run = await CreateRunAsync("r1", taskCount: 200);
        await QueueAllAsync(run);
        await using var second = new SqliteStore(_store.DatabasePath);

        var claims = await Task.WhenAll(
            ClaimAllAsync(_store, "worker-a"),
            ClaimAllAsync(second, "worker-b"));

        var claimed = claims.SelectMany(c => c).ToList();
        Assert.Equal(200, claimed.Count);
        Assert.Equal(200, claimed.Select(c => c.TaskId).Distinct().Count());
        Assert.All(await _store.ListTaskInstancesAsync(run.Id, default), ti =>
        {
            Assert.Equal(TaskInstanceState.Running, ti.State);
            Assert.Equal(1, ti.TryNumber);
        });
    }

    [Fact]
    public async Task TransitionAsync_ExpectedStateAlreadyChanged_ReturnsFalse()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await using (var tx = await _store.BeginRunTransactionAsync(run.Id, default))
        {
            Assert.True(await tx.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.Queued, new TaskTransition(Now), default));
            Assert.False(await tx.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.Skipped, new TaskTransition(Now), default));
            await tx.CommitAsync(default);
        }
        Assert.Equal(TaskInstanceState.Queued, (await _store.ListTaskInstancesAsync(run.Id, default)).Single().State);
    }

    [Fact]
    public async Task TransitionAsync_RunningInstanceOfAnotherWorker_IsRefused()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await QueueAllAsync(run);
        await _store.ClaimAsync("worker-a", 1, Now, Now.AddSeconds(30), default);

        await using var tx = await _store.BeginRunTransactionAsync(run.Id, default);
        var moved = await tx.TransitionAsync("t0", [TaskInstanceState.Running], TaskInstanceState.Success,
            new TaskTransition(Now) { RequireWorker = "worker-b" }, default);

        Assert.False(moved);
    }

    [Fact]
    public async Task CreateRunAsync_SameScheduledLogicalDate_SecondIsRefused()
    {
        Assert.NotNull(await CreateRunAsync("scheduled__a", taskCount: 1, DagRunType.Scheduled));
        Assert.Null(await CreateRunAsync("scheduled__b", taskCount: 1, DagRunType.Scheduled));
        Assert.NotNull(await CreateRunAsync("manual__a", taskCount: 1, DagRunType.Manual));
        Assert.NotNull(await CreateRunAsync("manual__b", taskCount: 1, DagRunType.Manual));
    }

    [Fact]
    public async Task ClaimAsync_RetryNotYetDue_IsNotClaimed()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await using (var tx = await _store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.UpForRetry, new TaskTransition(Now) { ReadyAt = Now.AddMinutes(5) }, default);
            await tx.CommitAsync(default);
        }

        Assert.Empty(await _store.ClaimAsync("w", 10, Now.AddMinutes(4), Now.AddMinutes(5), default));
        Assert.Equal(Now.AddMinutes(5), await _store.NextRetryDueAsync(default));
        Assert.Single(await _store.ClaimAsync("w", 10, Now.AddMinutes(5), Now.AddMinutes(6), default));
    }

    private async Task<DagRunRecord> CreateRunAsync(string runId, int taskCount, DagRunType type = DagRunType.Manual)
    {
        var tasks = Enumerable.Range(0, taskCount).Select(i => new NewTaskInstance($"t{i}", 1, 1, "default")).ToArray();
        return (await _store.CreateRunAsync(new NewDagRun("dag", runId, type, Now, Now, Now, "{}", tasks), Now, default))!;
    }

    private async Task QueueAllAsync(DagRunRecord run)
    {
        await using var tx = await _store.BeginRunTransactionAsync(run.Id, default);
        foreach (var taskId in (await tx.GetTaskStatesAsync(default)).Keys)
            await tx.TransitionAsync(taskId, [TaskInstanceState.None], TaskInstanceState.Queued, new TaskTransition(Now), default);
        await tx.CommitAsync(default);
    }

    private static async Task<List<ClaimedTask>> ClaimAllAsync(SqliteStore store, string worker)
    {
        var all = new List<ClaimedTask>();
        while (true)
        {
            var batch = await store.ClaimAsync(worker, 7, Now, Now.AddSeconds(30), default);
            if (batch.Count == 0) return all;
            all.AddRange(batch);
        }
    }
}
