using CodeFirst.Definitions;
using CodeFirst.Runtime.Operations;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

/// <summary>Each finished try is kept in the try history with its own state and times (Airflow's task instance history).</summary>
public sealed class TryHistoryTests
{
    [Fact]
    public async Task Run_FailsOnceThenSucceeds_RecordsBothTriesInOrder()
    {
        var tries = 0;
        var dag = Of("flaky", new TaskDefinition
        {
            TaskId = "flaky", MethodName = "flaky", Retries = 1, RetryDelay = TimeSpan.Zero,
            Invoke = _ => Interlocked.Increment(ref tries) == 1 ? throw new InvalidOperationException("first try fails") : new ValueTask<string?>((string?)null),
        });
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("flaky");

        Assert.Equal(DagRunState.Success, run.State);
        var recorded = await harness.Store.ListTriesAsync(run.Id, "flaky", -1, default);
        Assert.Equal([(1, TaskInstanceState.UpForRetry), (2, TaskInstanceState.Success)], recorded.Select(t => (t.TryNumber, t.State)));
        Assert.All(recorded, t => Assert.True(t.StartDate <= t.EndDate, $"try {t.TryNumber}: start {t.StartDate} end {t.EndDate}"));
        Assert.All(recorded, t => Assert.False(string.IsNullOrEmpty(t.WorkerId)));
        Assert.True(recorded[0].EndDate <= recorded[1].StartDate);
    }

    [Fact]
    public async Task SchedulePass_Zombie_RecordsTheTryAsFailedOnTheDeadWorker()
    {
        var dag = Of("zombie_try", new TaskDefinition { TaskId = "t", MethodName = "t", Invoke = _ => new ValueTask<string?>((string?)null) });
        await using var harness = new EngineHarness([dag]);
        await harness.PrepareAsync();
        var run = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("zombie_try"), null, null, null, default);
        await harness.Engine.StartRunAsync(run, default);
        Assert.Single(await harness.Store.ClaimAsync("dead-worker", 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(-1), default));

        await harness.Engine.SchedulePassAsync(default);

        var single = Assert.Single(await harness.Store.ListTriesAsync(run.Id, "t", -1, default));
        Assert.Equal((1, TaskInstanceState.Failed, "dead-worker"), (single.TryNumber, single.State, single.WorkerId));
        Assert.NotNull(single.StartDate);
        Assert.NotNull(single.EndDate);
    }

    [Fact]
    public async Task Mark_FailedTrySuccess_HistoryShowsTheMarkedOutcome()
    {
        var dag = Of("marked", new TaskDefinition { TaskId = "bad", MethodName = "bad", Invoke = _ => throw new InvalidOperationException("no") });
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("marked");
        Assert.Equal(TaskInstanceState.Failed, Assert.Single(await harness.Store.ListTriesAsync(run.Id, "bad", -1, default)).State);

        await harness.Engine.Operations.MarkAsync(new MarkRequest("marked", run.RunId, "bad", TaskInstanceState.Success), default);

        var single = Assert.Single(await harness.Store.ListTriesAsync(run.Id, "bad", -1, default));
        Assert.Equal((1, TaskInstanceState.Success), (single.TryNumber, single.State));
    }

    [Fact]
    public async Task Clear_WhileRunning_KeepsTheClearedTryAsRestartingThenTheRerun()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dag = Of("cleared", new TaskDefinition
        {
            TaskId = "t", MethodName = "t",
            Invoke = async i =>
            {
                if (i.Context.TryNumber > 1) return null;
                started.TrySetResult();
                await release.Task.WaitAsync(i.CancellationToken);
                return null;
            },
        });
        await using var harness = new EngineHarness([dag]);
        await harness.StartWorkerAsync();
        var run = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("cleared"), null, null, null, default);
        await harness.Engine.StartRunAsync(run, default);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        try
        {
            var rerun = await harness.RerunAsync(run, () => harness.Engine.Operations.ClearAsync(new ClearRequest("cleared") { RunId = run.RunId, TaskIds = ["t"] }, default));
            Assert.Equal(DagRunState.Success, rerun.State);
        }
        finally
        {
            release.TrySetResult();
        }

        var tries = await harness.Store.ListTriesAsync(run.Id, "t", -1, default);
        Assert.Equal([(1, TaskInstanceState.Restarting), (2, TaskInstanceState.Success)], tries.Select(t => (t.TryNumber, t.State)));
        Assert.NotNull(tries[0].EndDate);
        Assert.False(string.IsNullOrEmpty(tries[0].WorkerId));
    }
}
