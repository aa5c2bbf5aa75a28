using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>Pools, queues and claim limits, depends_on_past reads and requeueing: on every store.</summary>
public abstract partial class StoreConformanceTests
{
    private async Task<DagRunRecord> CreateRunWithAsync(string runId, params NewTaskInstance[] tasks) =>
        (await Store.CreateRunAsync(new NewDagRun("dag", runId, DagRunType.Manual, Now, Now, Now.AddDays(1), "{}", tasks), Now, default))!;

    private static ClaimRequest Request(string worker, int max) => new(worker, max, Now, Now.AddSeconds(30));

    [Fact]
    public async Task ListPoolsAsync_FreshDatabase_HasDefaultPoolWith128Slots()
    {
        var pool = Assert.Single(await Store.ListPoolsAsync(default));
        Assert.Equal(("default_pool", 128, 0, 0, 128), (pool.Name, pool.Slots, pool.RunningSlots, pool.QueuedSlots, pool.OpenSlots));
    }

    [Fact]
    public async Task SetPoolAsync_CreateThenUpdate_KeepsDescriptionWhenNull()
    {
        await Store.SetPoolAsync("db", 2, "databases", default);
        await Store.SetPoolAsync("db", 5, null, default);

        var pool = await Store.GetPoolAsync("db", default);
        Assert.Equal(("db", 5, "databases"), (pool!.Name, pool.Slots, pool.Description));
        Assert.Equal(["db", "default_pool"], (await Store.ListPoolsAsync(default)).Select(p => p.Name));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SetPoolAsync("db", -1, null, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SetPoolAsync(" ", 1, null, default));
    }

    [Fact]
    public async Task DeletePoolAsync_DefaultInUseOrMissing_RefusedOrReported()
    {
        await Store.SetPoolAsync("db", 4, null, default);
        await Store.SetPoolAsync("idle", 1, null, default);
        var run = await CreateRunWithAsync("r1", new NewTaskInstance("a", 1, 1, "default", "db", 3));
        await QueueAllAsync(run);

        Assert.Equal((0, 3), await SlotsAsync("db"));
        await Store.ClaimAsync(Request("w", 1), default);
        Assert.Equal((3, 0), await SlotsAsync("db"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.DeletePoolAsync("default_pool", default));
        var inUse = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.DeletePoolAsync("db", default));
        Assert.Contains("in use", inUse.Message, StringComparison.Ordinal);
        Assert.True(await Store.DeletePoolAsync("idle", default));
        Assert.False(await Store.DeletePoolAsync("idle", default));
    }

    private async Task<(int Running, int Queued)> SlotsAsync(string pool)
    {
        var record = await Store.GetPoolAsync(pool, default);
        return (record!.RunningSlots, record.QueuedSlots);
    }

    [Fact]
    public async Task ClaimAsync_PoolSlots_NeverMoreThanThePoolHasAcrossTwoProcesses()
    {
        await Store.SetPoolAsync("db", 3, null, default);
        var tasks = Enumerable.Range(0, 40).Select(i => new NewTaskInstance($"t{i}", 1, 1, "default", "db", i % 2 == 0 ? 1 : 2)).ToArray();
        await QueueAllAsync(await CreateRunWithAsync("r1", tasks));
        await using var second = OpenSameDatabase();

        var claims = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? Store : second).ClaimAsync(Request($"w{i}", 5), default)));

        var slots = claims.SelectMany(c => c).Sum(c => int.Parse(c.TaskId[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? 1 : 2);
        Assert.InRange(slots, 2, 3);
        Assert.Equal(slots, (await SlotsAsync("db")).Running);
    }

    [Fact]
    public async Task ClaimAsync_MaxActiveTasks_NeverMoreThanTheLimitAcrossTwoProcesses()
    {
        await QueueAllAsync(await CreateRunAsync("r1", taskCount: 40));
        var perDag = new Dictionary<string, int> { ["dag"] = 3 };
        await using var second = OpenSameDatabase();

        var claims = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? Store : second).ClaimAsync(Request($"w{i}", 5) with { MaxActiveTasks = perDag }, default)));

        var claimed = claims.Sum(c => c.Count);
        Assert.InRange(claimed, 1, 3);
        Assert.Equal(claimed, (await SlotsAsync("default_pool")).Running);
    }

    [Fact]
    public async Task ClaimAsync_Parallelism_CountsOnlyTheClaimingWorkersInstances()
    {
        await QueueAllAsync(await CreateRunAsync("r1", taskCount: 6));

        var first = await Store.ClaimAsync(Request("w1", 5) with { Parallelism = 2 }, default);
        var full = await Store.ClaimAsync(Request("w1", 5) with { Parallelism = 2 }, default);
        var other = await Store.ClaimAsync(Request("w2", 5) with { Parallelism = 2 }, default);

        Assert.Equal((2, 0, true, 2), (first.Count, full.Count, full.HeldBack, other.Count));
    }

    [Fact]
    public async Task TransitionManyAsync_SomeNotInExpectedState_MovesOnlyTheOthersAndNamesThem()
    {
        var run = await CreateRunAsync("r1", taskCount: 4);
        IReadOnlyCollection<string> moved;
        int unfinished;
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            Assert.True(await tx.TransitionAsync("t1", [TaskInstanceState.None], TaskInstanceState.Skipped, new TaskTransition(Now) { Ends = true }, default));
            moved = await tx.TransitionManyAsync(["t0", "t1", "t2"], TaskInstanceState.None, TaskInstanceState.Queued, new TaskTransition(Now), default);
            unfinished = await tx.CountUnfinishedAsync(default);
            await tx.CommitAsync(default);
        }

        Assert.Equal(["t0", "t2"], moved.Order(StringComparer.Ordinal));
        Assert.Equal(3, unfinished); // t0 and t2 queued, t3 waiting; t1 skipped is finished
        var states = (await Store.ListTaskInstancesAsync(run.Id, default)).ToDictionary(t => t.TaskId, t => t.State);
        Assert.Equal([TaskInstanceState.Queued, TaskInstanceState.Skipped, TaskInstanceState.Queued, TaskInstanceState.None], new[] { "t0", "t1", "t2", "t3" }.Select(t => states[t]));
        Assert.Equal(2, (await Store.ClaimAsync(Request("w", 5), default)).Count);
    }

    [Fact]
    public async Task ClaimAsync_UnknownPoolOrTooManySlots_ClaimedWithProblem()
    {
        await QueueAllAsync(await CreateRunWithAsync("r1",
            new NewTaskInstance("ghost", 1, 1, "default", "missing", 1),
            new NewTaskInstance("huge", 1, 1, "default", "default_pool", 500)));

        var claimed = (await Store.ClaimAsync(Request("w", 5), default)).ToDictionary(c => c.TaskId);

        Assert.Contains("Pool 'missing' does not exist", claimed["ghost"].Problem, StringComparison.Ordinal);
        Assert.Contains("needs 500 slots", claimed["huge"].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimAsync_Queues_TakesOnlyThoseQueues()
    {
        await QueueAllAsync(await CreateRunWithAsync("r1", new NewTaskInstance("cpu", 1, 1, "default"), new NewTaskInstance("gpu", 1, 1, "gpu")));

        var gpu = await Store.ClaimAsync(Request("w", 5) with { Queues = ["gpu"] }, default);
        var none = await Store.ClaimAsync(Request("w", 5) with { Queues = ["gpu"] }, default);
        var rest = await Store.ClaimAsync(Request("w", 5), default);

        Assert.Equal("gpu", Assert.Single(gpu).TaskId);
        Assert.Empty(none);
        Assert.Equal("cpu", Assert.Single(rest).TaskId);
    }

    [Fact]
    public async Task ClaimAsync_MaxActiveTasksAndParallelism_CountRunningInstances()
    {
        await QueueAllAsync(await CreateRunAsync("r1", taskCount: 5));
        await QueueAllAsync(await CreateRunAsync("r2", taskCount: 5, logical: Now.AddDays(1)));
        var perDag = new Dictionary<string, int> { ["dag"] = 3 };

        var first = await Store.ClaimAsync(Request("w", 2) with { MaxActiveTasks = perDag }, default);
        var second = await Store.ClaimAsync(Request("w", 5) with { MaxActiveTasks = perDag }, default);
        var third = await Store.ClaimAsync(Request("w", 5) with { Parallelism = 4 }, default);
        var blocked = await Store.ClaimAsync(Request("w", 5) with { Parallelism = 4 }, default);

        Assert.Equal((2, 1, 1, 0), (first.Count, second.Count, third.Count, blocked.Count));
    }

    [Fact]
    public async Task GetPreviousRunStatesAsync_ByLogicalDate_ReadsThePreviousRunOnly()
    {
        var first = await CreateRunAsync("r1", taskCount: 2, type: DagRunType.Scheduled, logical: Now);
        var second = await CreateRunAsync("r2", taskCount: 2, type: DagRunType.Scheduled, logical: Now.AddDays(1));
        await using (var tx = await Store.BeginRunTransactionAsync(first.Id, default))
        {
            Assert.Null(await tx.GetPreviousRunStatesAsync(["t0"], default));
            await tx.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.Success, new TaskTransition(Now), default);
            await tx.CommitAsync(default);
        }
        await using (var tx = await Store.BeginRunTransactionAsync(second.Id, default))
        {
            var previous = await tx.GetPreviousRunStatesAsync(["t0", "t1", "absent"], default);
            Assert.Equal(new Dictionary<string, TaskInstanceState> { ["t0"] = TaskInstanceState.Success, ["t1"] = TaskInstanceState.None }, previous);
        }
    }

    [Fact]
    public async Task RequeueStaleAsync_QueuedBeforeCutoff_GetsNewQueuedAt()
    {
        await QueueAllAsync(await CreateRunAsync("r1", taskCount: 3));

        Assert.Equal(0, await Store.RequeueStaleAsync(Now.AddMinutes(-10), Now, default));
        Assert.Equal(3, await Store.RequeueStaleAsync(Now.AddMinutes(1), Now.AddMinutes(11), default));
        Assert.Equal(0, await Store.RequeueStaleAsync(Now.AddMinutes(1), Now.AddMinutes(11), default));
    }

    [Fact]
    public async Task ClaimAsync_PoolFull_ReportsWorkHeldBack()
    {
        await Store.SetPoolAsync("db", 1, null, default);
        await QueueAllAsync(await CreateRunWithAsync("r1", new NewTaskInstance("a", 1, 1, "default", "db"), new NewTaskInstance("b", 1, 1, "default", "db")));

        var limited = await Store.ClaimAsync(Request("w", 5), default);
        await Store.SetPoolAsync("db", 5, null, default);
        var free = await Store.ClaimAsync(Request("w", 5), default);

        Assert.Equal((1, true), (limited.Count, limited.HeldBack));
        Assert.Equal((1, false), (free.Count, free.HeldBack));
    }
}
