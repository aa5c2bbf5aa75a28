using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>The try history (Airflow's task instance history): on every store.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task RecordTryAsync_RetryThenSuccess_KeepsEachTryWithItsOwnStateAndTimes()
    {
        var run = await CreateRunWithAsync("r1", new NewTaskInstance("a", 2, 1, "default"));
        await QueueAllAsync(run);

        await RunTryAsync(run, "w1", Now, Now.AddSeconds(5), TaskInstanceState.UpForRetry);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            Assert.True(await tx.TransitionAsync("a", [TaskInstanceState.UpForRetry], TaskInstanceState.Queued, new TaskTransition(Now.AddSeconds(6)), default));
            await tx.CommitAsync(default);
        }
        await RunTryAsync(run, "w2", Now.AddSeconds(10), Now.AddSeconds(20), TaskInstanceState.Success);

        var tries = await Store.ListTriesAsync(run.Id, "a", -1, default);
        Assert.Equal(
            [
                new TaskTryRecord(1, TaskInstanceState.UpForRetry, Now, Now.AddSeconds(5), "w1"),
                new TaskTryRecord(2, TaskInstanceState.Success, Now.AddSeconds(10), Now.AddSeconds(20), "w2"),
            ],
            tries);
        Assert.Empty(await Store.ListTriesAsync(run.Id, "a", 0, default));
    }

    [Fact]
    public async Task RecordTryAsync_SameTryTwice_KeepsOneRowWithTheLatestOutcome()
    {
        var run = await CreateRunWithAsync("r1", new NewTaskInstance("a", 1, 1, "default"));
        await QueueAllAsync(run);
        await RunTryAsync(run, "w1", Now, Now.AddSeconds(5), TaskInstanceState.Failed);

        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.TransitionAsync("a", [TaskInstanceState.Failed], TaskInstanceState.Success, new TaskTransition(Now.AddSeconds(7)) { Ends = true }, default);
            await tx.RecordTryAsync("a", -1, 1, "w1", default);
            await tx.CommitAsync(default);
        }

        var single = Assert.Single(await Store.ListTriesAsync(run.Id, "a", -1, default));
        Assert.Equal(new TaskTryRecord(1, TaskInstanceState.Success, Now, Now.AddSeconds(7), "w1"), single);
    }

    [Fact]
    public async Task RecordTryAsync_ResultsRecordedTogether_EachTryKeepsItsOwnOutcome()
    {
        // A group commit's shape: every transition prefetched, then per result its transition, log lines and try.
        var run = await CreateRunWithAsync("r1",
            new NewTaskInstance("a", 1, 1, "default"), new NewTaskInstance("b", 1, 1, "default"), new NewTaskInstance("c", 2, 1, "default"));
        await QueueAllAsync(run);
        Assert.Equal(3, (await Store.ClaimAsync(Request("w1", 3), default)).Count);
        var outcomes = new Dictionary<string, TaskInstanceState>
        {
            ["a"] = TaskInstanceState.Success, ["b"] = TaskInstanceState.Failed, ["c"] = TaskInstanceState.Skipped,
        };
        var planned = outcomes.Select(o => new PlannedTransition(o.Key, [TaskInstanceState.Running], o.Value,
            new TaskTransition(Now.AddSeconds(5)) { RequireWorker = "w1", Ends = true, MapIndex = -1 })).ToArray();

        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.PrefetchTransitionsAsync(planned, default);
            foreach (var plan in planned)
            {
                Assert.True((await tx.TransitionAndCountUnfinishedAsync(plan.TaskId, plan.Expected, plan.To, plan.Details, default)).Moved);
                await tx.AppendLogAsync(plan.TaskId, -1, 1, [new LogLine(Now, "INFO", $"{plan.TaskId} done")], default);
                await tx.RecordTryAsync(plan.TaskId, -1, 1, "w1", default);
            }
            await tx.CommitAsync(default);
        }

        foreach (var (taskId, state) in outcomes)
            Assert.Equal(new TaskTryRecord(1, state, Now, Now.AddSeconds(5), "w1"), Assert.Single(await Store.ListTriesAsync(run.Id, taskId, -1, default)));
    }

    [Fact]
    public async Task RecordTryAsync_SameTryTwiceInOneTransaction_KeepsOneRowWithTheLaterWorker()
    {
        var run = await CreateRunWithAsync("r1", new NewTaskInstance("a", 1, 1, "default"));
        await QueueAllAsync(run);
        await RunTryAsync(run, "w1", Now, Now.AddSeconds(5), TaskInstanceState.Failed);

        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.RecordTryAsync("a", -1, 1, "w1", default);
            await tx.RecordTryAsync("a", -1, 1, "w2", default);
            await tx.CommitAsync(default);
        }

        var single = Assert.Single(await Store.ListTriesAsync(run.Id, "a", -1, default));
        Assert.Equal(new TaskTryRecord(1, TaskInstanceState.Failed, Now, Now.AddSeconds(5), "w2"), single);
    }

    [Fact]
    public async Task RecordTryAsync_RolledBack_LeavesNoTry()
    {
        var run = await CreateRunWithAsync("r1", new NewTaskInstance("a", 1, 1, "default"));
        await QueueAllAsync(run);
        var claim = Assert.Single(await Store.ClaimAsync(Request("w1", 1), default));

        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.TransitionAsync("a", [TaskInstanceState.Running], TaskInstanceState.Success, new TaskTransition(Now) { Ends = true }, default);
            await tx.RecordTryAsync("a", -1, claim.TryNumber, "w1", default);
        }

        Assert.Empty(await Store.ListTriesAsync(run.Id, "a", -1, default));
    }

    /// <summary>Claims task "a" at <paramref name="start"/> and ends its try at <paramref name="end"/>, recording it as a worker does.</summary>
    private async Task RunTryAsync(DagRunRecord run, string worker, DateTimeOffset start, DateTimeOffset end, TaskInstanceState outcome)
    {
        var claim = Assert.Single(await Store.ClaimAsync(new ClaimRequest(worker, 1, start, start.AddSeconds(30)), default));
        await using var tx = await Store.BeginRunTransactionAsync(run.Id, default);
        Assert.True(await tx.TransitionAsync("a", [TaskInstanceState.Running], outcome, new TaskTransition(end) { RequireWorker = worker, Ends = true, MapIndex = -1 }, default));
        await tx.RecordTryAsync("a", -1, claim.TryNumber, worker, default);
        await tx.CommitAsync(default);
    }
}
