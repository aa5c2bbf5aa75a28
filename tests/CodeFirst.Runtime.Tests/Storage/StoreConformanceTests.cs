using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>
/// What every store must do, run once per implementation (see the sealed subclasses): each test
/// gets a freshly migrated, empty database.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected IStore Store { get; private set; } = null!;

    /// <summary>A store on a new, empty database (not yet migrated).</summary>
    protected abstract Task<IStore> CreateStoreAsync();

    /// <summary>Another store on the same database, as a second process would open it.</summary>
    protected abstract IStore OpenSameDatabase();

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.MigrateAsync(default);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await CleanupAsync();
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_IsIdempotent()
    {
        await Store.MigrateAsync(default);
        await using var other = OpenSameDatabase();
        await other.MigrateAsync(default);
        Assert.Empty(await other.ListDagsAsync(default));
    }

    [Fact]
    public async Task ClaimAsync_TwoProcessesAtOnce_EachInstanceClaimedOnce()
    {
        var run = await CreateRunAsync("r1", taskCount: 200);
        await QueueAllAsync(run);
        await Store.SetPoolAsync("default_pool", 200, null, default); // 128 slots by default, as in Airflow
        await using var second = OpenSameDatabase();

        var claims = await Task.WhenAll(
            ClaimAllAsync(Store, "worker-a"),
            ClaimAllAsync(second, "worker-b"));

        var claimed = claims.SelectMany(c => c).ToList();
        Assert.Equal(200, claimed.Count);
        Assert.Equal(200, claimed.Select(c => c.TaskId).Distinct().Count());
        Assert.All(await Store.ListTaskInstancesAsync(run.Id, default), ti =>
        {
            Assert.Equal(TaskInstanceState.Running, ti.State);
            Assert.Equal(1, ti.TryNumber);
        });
    }

    [Fact]
    public async Task ClaimAsync_HigherPriorityWeight_ClaimedFirstWithRunDetails()
    {
        var tasks = new[] { new NewTaskInstance("low", 2, 1, "default"), new NewTaskInstance("high", 3, 10, "default"), new NewTaskInstance("mid", 1, 5, "default") };
        var run = (await Store.CreateRunAsync(new NewDagRun("dag", "r1", DagRunType.Manual, Now, Now.AddHours(-1), Now, """{"k":1}""", tasks), Now, default))!;
        await QueueAllAsync(run);

        var first = await Store.ClaimAsync("w", 2, Now, Now.AddSeconds(30), default);
        var rest = await Store.ClaimAsync("w", 5, Now, Now.AddSeconds(30), default);

        Assert.Equal(["high", "mid"], first.Select(c => c.TaskId));
        Assert.Equal("low", Assert.Single(rest).TaskId);
        var high = first[0];
        Assert.Equal((run.Id, "dag", "r1", 1, 3), (high.RunPk, high.DagId, high.RunId, high.TryNumber, high.MaxTries));
        Assert.Equal((Now, Now.AddHours(-1), Now), (high.LogicalDate, high.DataIntervalStart, high.DataIntervalEnd));
        Assert.Equal("""{"k":1}""", high.Conf);
    }

    [Fact]
    public async Task ClaimAsync_NothingQueued_ReturnsEmpty()
    {
        await CreateRunAsync("r1", taskCount: 3);

        Assert.Empty(await Store.ClaimAsync("w", 10, Now, Now.AddSeconds(30), default));
        Assert.Empty(await Store.ClaimAsync("w", 0, Now, Now.AddSeconds(30), default));
    }

    [Fact]
    public async Task TransitionAsync_ExpectedStateAlreadyChanged_ReturnsFalse()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            Assert.True(await tx.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.Queued, new TaskTransition(Now), default));
            Assert.False(await tx.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.Skipped, new TaskTransition(Now), default));
            await tx.CommitAsync(default);
        }
        Assert.Equal(TaskInstanceState.Queued, (await Store.ListTaskInstancesAsync(run.Id, default)).Single().State);
    }

    [Fact]
    public async Task TransitionAsync_RunningInstanceOfAnotherWorker_IsRefused()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await QueueAllAsync(run);
        await Store.ClaimAsync("worker-a", 1, Now, Now.AddSeconds(30), default);

        await using var tx = await Store.BeginRunTransactionAsync(run.Id, default);
        var moved = await tx.TransitionAsync("t0", [TaskInstanceState.Running], TaskInstanceState.Success,
            new TaskTransition(Now) { RequireWorker = "worker-b" }, default);

        Assert.False(moved);
    }

    [Fact]
    public async Task TransitionAsync_RequireWorkerHoldingLease_EndsTryAndReleasesLease()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await QueueAllAsync(run);
        await Store.ClaimAsync("worker-a", 1, Now, Now.AddSeconds(30), default);

        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            Assert.True(await tx.TransitionAsync("t0", [TaskInstanceState.Running], TaskInstanceState.Success,
                new TaskTransition(Now.AddSeconds(5)) { RequireWorker = "worker-a", Ends = true }, default));
            await tx.CommitAsync(default);
        }

        var ti = (await Store.ListTaskInstancesAsync(run.Id, default)).Single();
        Assert.Equal(TaskInstanceState.Success, ti.State);
        Assert.Equal(Now, ti.StartDate);
        Assert.Equal(Now.AddSeconds(5), ti.EndDate);
        Assert.Null(ti.WorkerId);
        Assert.Empty(await Store.ListExpiredLeasesAsync(Now.AddHours(1), default));
    }

    [Fact]
    public async Task TransitionAsync_Clears_ResetsStartDate()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await QueueAllAsync(run);
        await Store.ClaimAsync("w", 1, Now, Now.AddSeconds(30), default);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.TransitionAsync("t0", [TaskInstanceState.Running], TaskInstanceState.Failed, new TaskTransition(Now) { Ends = true }, default);
            Assert.True(await tx.TransitionAsync("t0", [TaskInstanceState.Success, TaskInstanceState.Failed], TaskInstanceState.None,
                new TaskTransition(Now) { Clears = true }, default));
            await tx.CommitAsync(default);
        }

        var ti = (await Store.ListTaskInstancesAsync(run.Id, default)).Single();
        Assert.Equal(TaskInstanceState.None, ti.State);
        Assert.Null(ti.StartDate);
    }

    [Fact]
    public async Task DisposeAsync_RunTransactionNotCommitted_RollsBack()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.Queued, new TaskTransition(Now), default);
            await tx.SetXComAsync("t0", "k", "v", default);
        }

        Assert.Equal(TaskInstanceState.None, (await Store.ListTaskInstancesAsync(run.Id, default)).Single().State);
        Assert.Null(await Store.GetXComAsync(run.Id, "t0", "k", default));
    }

    [Fact]
    public async Task BeginRunTransactionAsync_UnknownRun_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.BeginRunTransactionAsync(12345, default));
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
    public async Task CreateRunAsync_SameRunId_SecondIsRefusedAndCreatesNoInstances()
    {
        var first = await CreateRunAsync("r1", taskCount: 2);
        Assert.Null(await CreateRunAsync("r1", taskCount: 5));
        Assert.Equal(2, (await Store.ListTaskInstancesAsync(first.Id, default)).Count);
    }

    [Fact]
    public async Task CreateRunAsync_ScheduledRuns_MoveBookmarkOnlyForward()
    {
        await Store.SyncDagsAsync([("dag", false)], default);
        await CreateRunAsync("scheduled__2", 1, DagRunType.Scheduled, Now.AddDays(2));
        await CreateRunAsync("scheduled__1", 1, DagRunType.Scheduled, Now.AddDays(1));
        await CreateRunAsync("manual__3", 1, DagRunType.Manual, Now.AddDays(3));

        var dag = (await Store.GetDagAsync("dag", default))!;
        Assert.Equal(Now.AddDays(2), dag.LastAutomatedIntervalStart);
        Assert.Equal(Now.AddDays(3), dag.LastAutomatedIntervalEnd);
    }

    [Fact]
    public async Task GetRunAsync_CreatedRun_RoundTripsEveryColumn()
    {
        var logical = new DateTimeOffset(2024, 3, 31, 2, 30, 0, TimeSpan.FromHours(2));
        var created = (await Store.CreateRunAsync(
            new NewDagRun("dag", "backfill__x", DagRunType.Backfill, logical, logical.AddDays(-1), logical, """{"a":"b"}""", [new NewTaskInstance("t", 1, 1, "q")]),
            Now, default))!;

        var read = (await Store.GetRunAsync("dag", "backfill__x", default))!;

        Assert.Equal(created, read);
        Assert.Equal(("dag", "backfill__x", DagRunType.Backfill, DagRunState.Queued, """{"a":"b"}"""), (read.DagId, read.RunId, read.RunType, read.State, read.Conf));
        Assert.Equal((logical, logical.AddDays(-1), logical, Now), (read.LogicalDate, read.DataIntervalStart, read.DataIntervalEnd, read.QueuedAt));
        Assert.Null(read.StartDate);
        Assert.Null(read.EndDate);
        Assert.Null(await Store.GetRunAsync("dag", "missing", default));
    }

    [Fact]
    public async Task ListRunsAsync_Filters_NewestLogicalDateFirstWithinLimit()
    {
        var r1 = await CreateRunAsync("r1", 1, logical: Now.AddDays(1));
        var r2 = await CreateRunAsync("r2", 1, logical: Now.AddDays(2));
        var r3 = await CreateRunAsync("r3", 1, logical: Now.AddDays(3));
        await Store.CreateRunAsync(new NewDagRun("other", "o1", DagRunType.Manual, Now, Now, Now, "{}", []), Now, default);
        await SetRunStateAsync(r2, DagRunState.Queued, DagRunState.Running);

        Assert.Equal(["r3", "r2", "r1"], (await Store.ListRunsAsync("dag", null, 10, default)).Select(r => r.RunId));
        Assert.Equal(["r3", "r2"], (await Store.ListRunsAsync("dag", null, 2, default)).Select(r => r.RunId));
        Assert.Equal(["r2"], (await Store.ListRunsAsync(null, DagRunState.Running, 10, default)).Select(r => r.RunId));
        Assert.Equal(4, (await Store.ListRunsAsync(null, null, 10, default)).Count);
        Assert.Equal([r3.Id, r1.Id], (await Store.ListRunsAsync("dag", DagRunState.Queued, 10, default)).Select(r => r.Id));
    }

    [Fact]
    public async Task ListQueuedRunsAsync_OldestLogicalDateFirst_SkipsStartedRuns()
    {
        var late = await CreateRunAsync("late", 1, logical: Now.AddDays(5));
        var early = await CreateRunAsync("early", 1, logical: Now.AddDays(1));
        var started = await CreateRunAsync("started", 1, logical: Now);
        await SetRunStateAsync(started, DagRunState.Queued, DagRunState.Running);

        Assert.Equal([early.Id, late.Id], (await Store.ListQueuedRunsAsync(default)).Select(r => r.Id));
    }

    [Fact]
    public async Task CountActiveRunsAsync_QueuedAndRunning_CountedPerDag()
    {
        var running = await CreateRunAsync("running", 1);
        await CreateRunAsync("queued", 1);
        var done = await CreateRunAsync("done", 1);
        await Store.CreateRunAsync(new NewDagRun("other", "o1", DagRunType.Manual, Now, Now, Now, "{}", []), Now, default);
        await SetRunStateAsync(running, DagRunState.Queued, DagRunState.Running);
        await SetRunStateAsync(done, DagRunState.Queued, DagRunState.Running);
        await SetRunStateAsync(done, DagRunState.Running, DagRunState.Success);

        Assert.Equal(2, await Store.CountActiveRunsAsync("dag", default));
        Assert.Equal(1, await Store.CountRunningRunsAsync("dag", default));
        Assert.Equal(0, await Store.CountRunningRunsAsync("missing", default));
    }

    [Fact]
    public async Task SetRunStateAsync_Transitions_SetStartAndEndDatesAndGuardExpectedState()
    {
        var run = await CreateRunAsync("r1", 1);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            Assert.False(await tx.SetRunStateAsync(DagRunState.Running, DagRunState.Success, Now, default));
            Assert.True(await tx.SetRunStateAsync(DagRunState.Queued, DagRunState.Running, Now.AddMinutes(1), default));
            Assert.True(await tx.SetRunStateAsync(DagRunState.Running, DagRunState.Failed, Now.AddMinutes(2), default));
            Assert.Equal(DagRunState.Queued, tx.Run.State);
            await tx.CommitAsync(default);
        }

        var read = (await Store.GetRunAsync("dag", "r1", default))!;
        Assert.Equal(DagRunState.Failed, read.State);
        Assert.Equal(Now.AddMinutes(1), read.StartDate);
        Assert.Equal(Now.AddMinutes(2), read.EndDate);
    }

    [Fact]
    public async Task SetXComAsync_SameKeyTwice_LastValueWinsAndListsByKey()
    {
        var run = await CreateRunAsync("r1", taskCount: 3);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.SetXComAsync("t0", "b", "1", default);
            await tx.SetXComAsync("t0", "a", "2", default);
            await tx.SetXComAsync("t0", "b", "3", default);
            await tx.SetXComAsync("t0", XComJson.ReturnValueKey, "\"zero\"", default);
            await tx.SetXComAsync("t1", XComJson.ReturnValueKey, "1", default);
            await tx.SetXComAsync("t2", "other", "2", default);
            await tx.CommitAsync(default);
        }

        Assert.Equal("3", await Store.GetXComAsync(run.Id, "t0", "b", default));
        Assert.Null(await Store.GetXComAsync(run.Id, "t0", "missing", default));
        Assert.Equal([("a", "2"), ("b", "3"), (XComJson.ReturnValueKey, "\"zero\"")], await Store.ListXComAsync(run.Id, "t0", default));
        Assert.Empty(await Store.ListXComAsync(run.Id, "t9", default));
        var values = await Store.GetReturnValuesAsync(run.Id, ["t0", "t2"], default);
        Assert.Equal("\"zero\"", Assert.Single(values).Value);
        Assert.Empty(await Store.GetReturnValuesAsync(run.Id, [], default));
    }

    [Fact]
    public async Task AppendLogAsync_TwoTries_KeptPerTryInOrder()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.AppendLogAsync("t0", 1, [new LogLine(Now, "Information", "one"), new LogLine(Now.AddSeconds(1), "Error", "two")], default);
            await tx.AppendLogAsync("t0", 2, [new LogLine(Now.AddMinutes(1), "Information", "retry")], default);
            await tx.AppendLogAsync("t0", 3, [], default);
            await tx.AppendLogAsync("t0", 1, [new LogLine(Now.AddSeconds(2), "Warning", "three")], default);
            await tx.CommitAsync(default);
        }

        var first = await Store.GetLogAsync(run.Id, "t0", 1, default);
        Assert.Equal(["one", "two", "three"], first.Select(l => l.Message));
        Assert.Equal(new LogLine(Now.AddSeconds(1), "Error", "two"), first[1]);
        Assert.Equal(["retry"], (await Store.GetLogAsync(run.Id, "t0", 2, default)).Select(l => l.Message));
        Assert.Empty(await Store.GetLogAsync(run.Id, "t0", 3, default));
    }

    [Fact]
    public async Task HeartbeatAsync_RunningInstances_ExtendsOnlyThatWorkersLeases()
    {
        var run = await CreateRunAsync("r1", taskCount: 2);
        await QueueAllAsync(run);
        var a = await Store.ClaimAsync("worker-a", 1, Now, Now.AddSeconds(30), default);
        var b = await Store.ClaimAsync("worker-b", 1, Now, Now.AddSeconds(30), default);

        // worker-a names worker-b's instance too: only its own lease moves.
        await Store.HeartbeatAsync("worker-a", [a[0].Id, b[0].Id], Now.AddMinutes(5), default);

        var expired = await Store.ListExpiredLeasesAsync(Now.AddMinutes(1), default);
        var (runPk, _, _, worker) = Assert.Single(expired);
        Assert.Equal((run.Id, "worker-b"), (runPk, worker));
        Assert.Equal(2, (await Store.ListExpiredLeasesAsync(Now.AddMinutes(6), default)).Count);
    }

    [Fact]
    public async Task HeartbeatAsync_ClaimTheWorkerDoesNotRun_IsNotExtended()
    {
        var run = await CreateRunAsync("r1", taskCount: 2);
        await QueueAllAsync(run);
        var claimed = await Store.ClaimAsync("worker-a", 2, Now, Now.AddSeconds(30), default);

        await Store.HeartbeatAsync("worker-a", [claimed[0].Id], Now.AddMinutes(5), default);

        var (_, taskId, _, _) = Assert.Single(await Store.ListExpiredLeasesAsync(Now.AddMinutes(1), default));
        Assert.Equal(claimed[1].TaskId, taskId);
    }

    [Fact]
    public async Task ListExpiredLeasesAsync_LeaseNotYetPassed_ListsNothing()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await QueueAllAsync(run);
        await Store.ClaimAsync("w", 1, Now, Now.AddSeconds(30), default);

        Assert.Empty(await Store.ListExpiredLeasesAsync(Now.AddSeconds(29), default));
        Assert.Equal((run.Id, "t0", -1, "w"), Assert.Single(await Store.ListExpiredLeasesAsync(Now.AddSeconds(31), default)));
    }

    [Fact]
    public async Task ClaimAsync_RetryNotYetDue_IsNotClaimed()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.UpForRetry, new TaskTransition(Now) { ReadyAt = Now.AddMinutes(5) }, default);
            await tx.CommitAsync(default);
        }

        Assert.Empty(await Store.ClaimAsync("w", 10, Now.AddMinutes(4), Now.AddMinutes(5), default));
        Assert.Equal(Now.AddMinutes(5), await Store.NextRetryDueAsync(default));
        Assert.Single(await Store.ClaimAsync("w", 10, Now.AddMinutes(5), Now.AddMinutes(6), default));
        Assert.Null(await Store.NextRetryDueAsync(default));
    }

    [Fact]
    public async Task SyncDagsAsync_RunTwice_KeepsExistingPauseStateAndAddsNewDags()
    {
        await Store.SyncDagsAsync([("b", true), ("a", false)], default);
        Assert.True(await Store.SetPausedAsync("b", false, default));

        await Store.SyncDagsAsync([("a", true), ("b", true), ("c", true)], default);

        var dags = await Store.ListDagsAsync(default);
        Assert.Equal([("a", false), ("b", false), ("c", true)], dags.Select(d => (d.DagId, d.IsPaused)));
        Assert.All(dags, d => Assert.Null(d.LastAutomatedIntervalStart));
    }

    [Fact]
    public async Task SetPausedAsync_SameValueTwiceOrUnknownDag_ReportsWhetherDagExists()
    {
        await Store.SyncDagsAsync([("a", false)], default);

        Assert.True(await Store.SetPausedAsync("a", true, default));
        Assert.True(await Store.SetPausedAsync("a", true, default));
        Assert.False(await Store.SetPausedAsync("missing", true, default));
        Assert.True((await Store.GetDagAsync("a", default))!.IsPaused);
        Assert.Null(await Store.GetDagAsync("missing", default));
    }

    protected async Task<DagRunRecord> CreateRunAsync(string runId, int taskCount, DagRunType type = DagRunType.Manual, DateTimeOffset? logical = null)
    {
        var tasks = Enumerable.Range(0, taskCount).Select(i => new NewTaskInstance($"t{i}", 1, 1, "default")).ToArray();
        var date = logical ?? Now;
        return (await Store.CreateRunAsync(new NewDagRun("dag", runId, type, date, date, date.AddDays(1), "{}", tasks), Now, default))!;
    }

    protected async Task QueueAllAsync(DagRunRecord run)
    {
        await using var tx = await Store.BeginRunTransactionAsync(run.Id, default);
        foreach (var taskId in (await tx.GetTaskStatesAsync(default)).Keys)
            await tx.TransitionAsync(taskId, [TaskInstanceState.None], TaskInstanceState.Queued, new TaskTransition(Now), default);
        await tx.CommitAsync(default);
    }

    private async Task SetRunStateAsync(DagRunRecord run, DagRunState expected, DagRunState to)
    {
        await using var tx = await Store.BeginRunTransactionAsync(run.Id, default);
        Assert.True(await tx.SetRunStateAsync(expected, to, Now, default));
        await tx.CommitAsync(default);
    }

    protected static async Task<List<ClaimedTask>> ClaimAllAsync(IStore store, string worker, int batch = 7)
    {
        var all = new List<ClaimedTask>();
        while (true)
        {
            var claimed = await store.ClaimAsync(worker, batch, Now, Now.AddSeconds(30), default);
            if (claimed.Count == 0) return all;
            all.AddRange(claimed);
        }
    }
}
