using CodeFirst.Runtime.Execution;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;

namespace CodeFirst.Runtime.Tests.Execution;

public sealed class RunCommitBatcherTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-batcher-").FullName;
    private SqliteStore _store = null!;
    private DagRunRecord _run = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteStore(Path.Combine(_dir, "db.sqlite"));
        await _store.MigrateAsync(default);
        var tasks = Enumerable.Range(0, 4).Select(i => new NewTaskInstance($"t{i}", 1, 1, "default")).ToArray();
        _run = (await _store.CreateRunAsync(new NewDagRun("dag", "r1", DagRunType.Manual, Now, Now, Now, "{}", tasks), Now, default))!;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RecordAsync_ResultsArrivingDuringACommit_ShareTheNextTransactionInArrivalOrder()
    {
        var batcher = new RunCommitBatcher(_store);
        var firstInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = batcher.RecordAsync(_run.Id, async (tx, ct) =>
        {
            firstInside.SetResult();
            await releaseFirst.Task.WaitAsync(Timeout, ct);
            return (Tx: tx, QueuedBefore: await QueueAsync(tx, "t0"));
        }, default);
        await firstInside.Task.WaitAsync(Timeout);
        var later = Enumerable.Range(1, 3)
            .Select(i => batcher.RecordAsync(_run.Id, async (tx, ct) => (Tx: tx, QueuedBefore: await QueueAsync(tx, $"t{i}")), default))
            .ToArray();
        releaseFirst.SetResult();

        var (firstTx, _) = await first.WaitAsync(Timeout);
        var results = await Task.WhenAll(later).WaitAsync(Timeout);

        Assert.All(results, r => Assert.NotSame(firstTx, r.Tx));
        Assert.Single(results.Select(r => r.Tx).Distinct());
        Assert.Equal([1, 2, 3], results.Select(r => r.QueuedBefore)); // each step saw the ones before it
        Assert.All(await _store.ListTaskInstancesAsync(_run.Id, default), ti => Assert.Equal(TaskInstanceState.Queued, ti.State));
    }

    [Fact]
    public async Task RecordAsync_OneStepOfABatchThrows_OnlyThatCallerFailsAndTheOthersCommit()
    {
        var batcher = new RunCommitBatcher(_store);
        var firstInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = batcher.RecordAsync(_run.Id, async (tx, ct) =>
        {
            firstInside.SetResult();
            await releaseFirst.Task.WaitAsync(Timeout, ct);
            return await QueueAsync(tx, "t0");
        }, default);
        await firstInside.Task.WaitAsync(Timeout);
        var good = batcher.RecordAsync(_run.Id, (tx, ct) => QueueAsync(tx, "t1"), default);
        var bad = batcher.RecordAsync<int>(_run.Id, (_, _) => throw new InvalidOperationException("bad result"), default);
        var alsoGood = batcher.RecordAsync(_run.Id, (tx, ct) => QueueAsync(tx, "t2"), default);
        releaseFirst.SetResult();

        await first.WaitAsync(Timeout);
        await Task.WhenAll(good, alsoGood).WaitAsync(Timeout);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(Timeout));
        Assert.Equal("bad result", error.Message);
        var states = (await _store.ListTaskInstancesAsync(_run.Id, default)).ToDictionary(t => t.TaskId, t => t.State);
        Assert.Equal([TaskInstanceState.Queued, TaskInstanceState.Queued, TaskInstanceState.Queued, TaskInstanceState.None],
            new[] { "t0", "t1", "t2", "t3" }.Select(t => states[t]));
    }

    /// <summary>Queues one task and says how many were queued before it, as this transaction sees them.</summary>
    private static async Task<int> QueueAsync(IRunTransaction tx, string taskId)
    {
        var before = (await tx.GetTaskStatesAsync(default)).Values.Count(s => s == TaskInstanceState.Queued);
        Assert.True(await tx.TransitionAsync(taskId, [TaskInstanceState.None], TaskInstanceState.Queued, new TaskTransition(Now), default));
        return before;
    }
}
