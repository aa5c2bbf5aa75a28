using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>The calls of the hot path: scoped claims and slot hand-off, results recorded in groups, a run started with one read.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task ClaimAsync_Only_TakesOnlyThoseTasksOfThatRun()
    {
        var first = await CreateRunAsync("r1", taskCount: 3);
        var second = await CreateRunAsync("r2", taskCount: 3);
        await QueueAllAsync(first);
        await QueueAllAsync(second);

        var claimed = await Store.ClaimAsync(Request("w", 5) with { Only = new ClaimScope(second.Id, "dag", ["t1", "t2", "missing"]) }, default);

        Assert.Equal([("r2", "t1"), ("r2", "t2")], claimed.Select(c => (c.RunId, c.TaskId)).Order());
        Assert.All(claimed, c => Assert.Equal(1, c.TryNumber));
        // Everything else is still there for an unscoped claim.
        Assert.Equal(4, (await Store.ClaimAsync(Request("w", 10), default)).Count);
    }

    [Fact]
    public async Task ClaimAsync_OnlyInAFullPool_TakesNothingAndSaysItHeldBack()
    {
        await Store.SetPoolAsync("one", 1, null, default);
        var busy = await CreateRunWithAsync("r1", new NewTaskInstance("busy", 1, 1, "default", "one", 1));
        var next = await CreateRunWithAsync("r2", new NewTaskInstance("next", 1, 1, "default", "one", 1));
        await QueueAllAsync(busy);
        Assert.Single(await Store.ClaimAsync(Request("w", 1), default));
        await QueueAllAsync(next);

        var claimed = await Store.ClaimAsync(Request("w", 1) with { Only = new ClaimScope(next.Id, "dag", ["next"]) }, default);

        Assert.Empty(claimed);
        Assert.True(claimed.HeldBack);
        Assert.Equal(TaskInstanceState.Queued, (await Store.ListTaskInstancesAsync(next.Id, default)).Single().State);
    }

    [Fact]
    public async Task ClaimAsync_OnlyWithAnotherQueue_TakesNothing()
    {
        var run = await CreateRunWithAsync("r1", new NewTaskInstance("gpu_task", 1, 1, "gpu"));
        await QueueAllAsync(run);

        var claimed = await Store.ClaimAsync(Request("w", 1) with { Queues = ["default"], Only = new ClaimScope(run.Id, "dag", ["gpu_task"]) }, default);

        Assert.Empty(claimed);
    }

    [Fact]
    public async Task ClaimAsync_OnlyOfADagAtItsMaxActiveTasks_TakesNothing()
    {
        var perDag = new Dictionary<string, int> { ["dag"] = 1 };
        var busy = await CreateRunAsync("r1", taskCount: 1);
        var next = await CreateRunAsync("r2", taskCount: 1);
        await QueueAllAsync(busy);
        Assert.Single(await Store.ClaimAsync(Request("w", 1) with { MaxActiveTasks = perDag }, default));
        await QueueAllAsync(next);

        var claimed = await Store.ClaimAsync(Request("w", 1) with { MaxActiveTasks = perDag, Only = new ClaimScope(next.Id, "dag", ["t0"]) }, default);
        var unlimited = await Store.ClaimAsync(Request("w", 1) with { Only = new ClaimScope(next.Id, "dag", ["t0"]) }, default);

        Assert.Empty(claimed);
        Assert.Equal("r2", Assert.Single(unlimited).RunId);
    }

    [Fact]
    public async Task StartQueuedAsync_QueuedInstance_RunsForTheWorkerWithItsNextTryAndNotTwice()
    {
        var run = await CreateRunAsync("r1", taskCount: 2);
        await QueueAllAsync(run);

        ClaimedTask? started, again, waiting;
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            started = await tx.StartQueuedAsync("t1", -1, "w", Now, Now.AddSeconds(30), default);
            again = await tx.StartQueuedAsync("t1", -1, "w", Now, Now.AddSeconds(30), default);
            waiting = await tx.StartQueuedAsync("missing", -1, "w", Now, Now.AddSeconds(30), default);
            await tx.CommitAsync(default);
        }

        Assert.NotNull(started);
        Assert.Equal((run.Id, "dag", "r1", "t1", 1, -1, null), (started.RunPk, started.DagId, started.RunId, started.TaskId, started.TryNumber, started.MapIndex, started.TriggerEvent));
        Assert.Null(again);
        Assert.Null(waiting);
        var instance = (await Store.ListTaskInstancesAsync(run.Id, default)).Single(t => t.TaskId == "t1");
        Assert.Equal((TaskInstanceState.Running, 1, started.Id), (instance.State, instance.TryNumber, instance.Id));
        // Only t0 is left for a claim.
        Assert.Equal("t0", Assert.Single(await Store.ClaimAsync(Request("w2", 5), default)).TaskId);
    }

    [Fact]
    public async Task TransitionAndCountUnfinishedAsync_CountsAfterTheTransitionAndNothingWhenItDidNotMove()
    {
        var run = await CreateRunAsync("r1", taskCount: 3);
        (bool, int) done, again;
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            done = await tx.TransitionAndCountUnfinishedAsync("t0", [TaskInstanceState.None], TaskInstanceState.Skipped, new TaskTransition(Now) { Ends = true }, default);
            again = await tx.TransitionAndCountUnfinishedAsync("t0", [TaskInstanceState.None], TaskInstanceState.Skipped, new TaskTransition(Now) { Ends = true }, default);
            await tx.CommitAsync(default);
        }

        Assert.Equal((true, 2), done);
        Assert.Equal((false, 0), again);
    }

    [Theory]
    [InlineData(-1)] // each names its instance: PostgreSQL ends them all in one statement
    [InlineData(null)] // "every instance of the task": one statement each
    public async Task PrefetchTransitionsAsync_ThenTheSameCallsInOrder_ReturnWhatEachWouldAlone(int? mapIndex)
    {
        var run = await CreateRunAsync("r1", taskCount: 3);
        await QueueAllAsync(run);
        Assert.Equal(3, (await Store.ClaimAsync(Request("w", 3), default)).Count);
        PlannedTransition Finish(string taskId, string worker) =>
            new(taskId, [TaskInstanceState.Running], TaskInstanceState.Success, new TaskTransition(Now) { Ends = true, RequireWorker = worker, MapIndex = mapIndex });
        var plans = new[] { Finish("t0", "w"), Finish("t1", "someone-else"), Finish("t2", "w") };

        var results = new List<(bool, int)>();
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.PrefetchTransitionsAsync(plans, default);
            foreach (var plan in plans) results.Add(await tx.TransitionAndCountUnfinishedAsync(plan.TaskId, plan.Expected, plan.To, plan.Details, default));
            await tx.CommitAsync(default);
        }

        Assert.Equal([(true, 2), (false, 0), (true, 1)], results);
        var states = (await Store.ListTaskInstancesAsync(run.Id, default)).ToDictionary(t => t.TaskId, t => t.State);
        Assert.Equal([TaskInstanceState.Success, TaskInstanceState.Running, TaskInstanceState.Success], new[] { "t0", "t1", "t2" }.Select(t => states[t]));
    }

    [Fact]
    public async Task SetRunStateAndReadInstancesAsync_QueuedRun_StartsAndReadsItsInstancesOnce()
    {
        var run = await CreateRunAsync("r1", taskCount: 2);
        (bool Moved, IReadOnlyList<InstanceState> States) first, second;
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            first = await tx.SetRunStateAndReadInstancesAsync(DagRunState.Queued, DagRunState.Running, Now, default);
            second = await tx.SetRunStateAndReadInstancesAsync(DagRunState.Queued, DagRunState.Running, Now, default);
            await tx.CommitAsync(default);
        }

        Assert.True(first.Moved);
        Assert.Equal([("t0", -1, TaskInstanceState.None), ("t1", -1, TaskInstanceState.None)], first.States.Select(s => (s.TaskId, s.MapIndex, s.State)));
        Assert.Equal((false, 0), (second.Moved, second.States.Count));
        Assert.Equal(DagRunState.Running, (await Store.GetRunAsync("dag", "r1", default))!.State);
    }

    [Fact]
    public async Task PrefetchTransitionsAsync_CallOutOfOrder_FailsInsteadOfReturningAnotherTasksResult()
    {
        var run = await CreateRunAsync("r1", taskCount: 2);
        PlannedTransition Skip(string taskId) => new(taskId, [TaskInstanceState.None], TaskInstanceState.Skipped, new TaskTransition(Now) { Ends = true, MapIndex = -1 });
        await using var tx = await Store.BeginRunTransactionAsync(run.Id, default);
        await tx.PrefetchTransitionsAsync([Skip("t0"), Skip("t1")], default);

        var wrong = Skip("t1");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tx.TransitionAndCountUnfinishedAsync(wrong.TaskId, wrong.Expected, wrong.To, wrong.Details, default));
        Assert.Contains("'t0'", error.Message);
    }
}
