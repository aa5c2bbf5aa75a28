using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>Task instances across DAGs and runs (the dashboard's failed page): filters, order, paging: on every store.</summary>
public abstract partial class StoreConformanceTests
{
    /// <summary>A run of <paramref name="dagId"/> with tasks t0..t(n-1), each moved to the given state, ended at the given time.</summary>
    private async Task<DagRunRecord> RunWithEndedTasksAsync(string dagId, string runId, params (TaskInstanceState State, DateTimeOffset? End)[] tasks)
    {
        var created = tasks.Select((_, i) => new NewTaskInstance($"t{i}", 1, 1, "default")).ToArray();
        var run = (await Store.CreateRunAsync(new NewDagRun(dagId, runId, DagRunType.Manual, Now, Now, Now.AddDays(1), "{}", created), Now, default))!;
        await using var tx = await Store.BeginRunTransactionAsync(run.Id, default);
        for (var i = 0; i < tasks.Length; i++)
        {
            var (state, end) = tasks[i];
            if (state == TaskInstanceState.None) continue;
            Assert.True(await tx.TransitionAsync($"t{i}", [TaskInstanceState.None], state, new TaskTransition(end ?? Now) { Ends = end is not null }, default));
        }
        await tx.CommitAsync(default);
        return run;
    }

    [Fact]
    public async Task QueryTaskInstancesAsync_FailedAcrossDagsAndRuns_NewestEndFirstWithTotal()
    {
        var queries = (IDagRunQueries)Store;
        await RunWithEndedTasksAsync("alpha", "a1", (TaskInstanceState.Failed, Now.AddMinutes(1)), (TaskInstanceState.Success, Now.AddMinutes(9)));
        await RunWithEndedTasksAsync("beta", "b1", (TaskInstanceState.Failed, Now.AddMinutes(3)), (TaskInstanceState.UpstreamFailed, Now.AddMinutes(4)));
        await RunWithEndedTasksAsync("alpha", "a2", (TaskInstanceState.Failed, Now.AddMinutes(2)), (TaskInstanceState.None, null));

        var failed = await queries.QueryTaskInstancesAsync(new TaskInstanceQuery { States = [TaskInstanceState.Failed] }, default);
        var alpha = await queries.QueryTaskInstancesAsync(new TaskInstanceQuery { DagId = "alpha", States = [TaskInstanceState.Failed] }, default);
        var both = await queries.QueryTaskInstancesAsync(new TaskInstanceQuery { States = [TaskInstanceState.Failed, TaskInstanceState.UpstreamFailed] }, default);
        var all = await queries.QueryTaskInstancesAsync(new TaskInstanceQuery(), default);

        Assert.Equal(3, failed.TotalCount);
        Assert.Equal([("beta", "b1", "t0"), ("alpha", "a2", "t0"), ("alpha", "a1", "t0")], failed.TaskInstances.Select(t => (t.DagId, t.RunId, t.TaskId)));
        Assert.Equal([Now.AddMinutes(3), Now.AddMinutes(2), Now.AddMinutes(1)], failed.TaskInstances.Select(t => t.EndDate));
        Assert.All(failed.TaskInstances, t => Assert.Equal(TaskInstanceState.Failed, t.State));
        Assert.Equal(2, alpha.TotalCount);
        Assert.Equal(["a2", "a1"], alpha.TaskInstances.Select(t => t.RunId));
        Assert.Equal(4, both.TotalCount);
        Assert.Equal(TaskInstanceState.UpstreamFailed, both.TaskInstances[0].State);
        // Every state; the instance that never ended comes last.
        Assert.Equal(6, all.TotalCount);
        Assert.Equal(("a2", "t1", (DateTimeOffset?)null), (all.TaskInstances[^1].RunId, all.TaskInstances[^1].TaskId, all.TaskInstances[^1].EndDate));
    }

    [Fact]
    public async Task QueryTaskInstancesAsync_EndDateRange_BoundsInclusive()
    {
        var queries = (IDagRunQueries)Store;
        await RunWithEndedTasksAsync("dag", "r1",
            (TaskInstanceState.Failed, Now.AddHours(1)), (TaskInstanceState.Failed, Now.AddHours(2)), (TaskInstanceState.Failed, Now.AddHours(3)));

        var page = await queries.QueryTaskInstancesAsync(new TaskInstanceQuery
        {
            States = [TaskInstanceState.Failed], EndDateFrom = Now.AddHours(1), EndDateTo = Now.AddHours(2),
        }, default);
        var after = await queries.QueryTaskInstancesAsync(new TaskInstanceQuery { EndDateFrom = Now.AddHours(2).AddTicks(10) }, default);

        Assert.Equal(["t1", "t0"], page.TaskInstances.Select(t => t.TaskId));
        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["t2"], after.TaskInstances.Select(t => t.TaskId));
    }

    [Fact]
    public async Task QueryTaskInstancesAsync_PagesOfManyRunsWithEqualEndDates_EachInstanceOnceInOneStableOrder()
    {
        var queries = (IDagRunQueries)Store;
        // 3 DAGs × 40 runs × 2 failed tasks, ending in pairs at the same time: ties are broken by id.
        for (var run = 0; run < 40; run++)
        {
            foreach (var dag in new[] { "d0", "d1", "d2" })
                await RunWithEndedTasksAsync(dag, $"run-{run:00}", (TaskInstanceState.Failed, Now.AddMinutes(run / 2)), (TaskInstanceState.Failed, Now.AddMinutes(run / 2)), (TaskInstanceState.Success, Now));
        }

        var pages = new List<TaskInstancePage>();
        for (var offset = 0; offset < 240; offset += 25)
            pages.Add(await queries.QueryTaskInstancesAsync(new TaskInstanceQuery { States = [TaskInstanceState.Failed], Offset = offset, Limit = 25 }, default));
        var whole = await queries.QueryTaskInstancesAsync(new TaskInstanceQuery { States = [TaskInstanceState.Failed], Limit = 1000 }, default);

        var paged = pages.SelectMany(p => p.TaskInstances).Select(t => t.Id).ToList();
        Assert.All(pages, p => Assert.Equal(240, p.TotalCount));
        Assert.Equal(whole.TaskInstances.Select(t => t.Id), paged);
        Assert.Equal(240, paged.Distinct().Count());
        Assert.Equal(whole.TaskInstances.OrderByDescending(t => t.EndDate).ThenByDescending(t => t.Id).Select(t => t.Id), paged);
        Assert.Empty((await queries.QueryTaskInstancesAsync(new TaskInstanceQuery { States = [TaskInstanceState.Failed], Offset = 240, Limit = 25 }, default)).TaskInstances);
    }
}
