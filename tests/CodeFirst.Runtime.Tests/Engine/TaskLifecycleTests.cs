using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

/// <summary>Setup/teardown, depends_on_past and callbacks.</summary>
public sealed class TaskLifecycleTests
{
    private static DagDefinition SetupTeardown(bool workFails, bool teardownFails) => Of("st",
        new TaskDefinition { TaskId = "setup", MethodName = "setup", IsSetup = true, Invoke = _ => new ValueTask<string?>((string?)null) },
        Task("work", _ => workFails ? throw new InvalidOperationException("work broke") : null, upstream: ["setup"]),
        new TaskDefinition
        {
            TaskId = "teardown", MethodName = "teardown", IsTeardown = true, Upstream = ["setup", "work"],
            Invoke = _ => teardownFails ? throw new InvalidOperationException("teardown broke") : new ValueTask<string?>((string?)null),
        });

    [Fact]
    public async Task Run_WorkFails_TeardownStillRunsAndRunFails()
    {
        await using var harness = new EngineHarness([SetupTeardown(workFails: true, teardownFails: false)]);

        var run = await harness.RunAsync("st");

        Assert.Equal(DagRunState.Failed, run.State);
        Assert.Equal(TaskInstanceState.Success, (await harness.TaskInstancesAsync(run))["teardown"].State);
    }

    [Fact]
    public async Task Run_TeardownFails_RunStillSucceeds()
    {
        await using var harness = new EngineHarness([SetupTeardown(workFails: false, teardownFails: true)]);

        var run = await harness.RunAsync("st");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal(TaskInstanceState.Failed, (await harness.TaskInstancesAsync(run))["teardown"].State);
    }

    [Fact]
    public async Task Run_DependsOnPast_WaitsForThePreviousRunsInstance()
    {
        var gate = new TaskCompletionSource();
        var order = new List<string>();
        var dag = Of("past", new TaskDefinition
        {
            TaskId = "t", MethodName = "t", DependsOnPast = true,
            Invoke = async i =>
            {
                lock (order) order.Add(i.Context.RunId);
                if (i.Context.RunId == "first") await gate.Task;
                return null;
            },
        });
        await using var harness = new EngineHarness([dag]);
        await harness.StartWorkerAsync();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var first = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("past"), null, start, "first", default);
        var second = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("past"), null, start.AddDays(1), "second", default);
        await harness.Engine.StartRunAsync(first, default);
        await harness.Engine.StartRunAsync(second, default);
        await System.Threading.Tasks.Task.Delay(200);
        Assert.Equal(TaskInstanceState.None, (await harness.TaskInstancesAsync(second))["t"].State);

        var done = new TaskCompletionSource();
        harness.Engine.Events.DagRunChanged += c => { if (c.RunId == "second" && c.State == DagRunState.Success) done.TrySetResult(); };
        gate.SetResult();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["first", "second"], order);
    }

    [Fact]
    public async Task Run_WaitForDownstream_WaitsForThePreviousRunsDownstreamToo()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<string>();
        var dag = Of("wfd",
            new TaskDefinition
            {
                TaskId = "t", MethodName = "t", WaitForDownstream = true,
                Invoke = i => { lock (order) order.Add($"{i.Context.RunId}.t"); return default; },
            },
            new TaskDefinition
            {
                TaskId = "after", MethodName = "after", Upstream = ["t"],
                Invoke = async i =>
                {
                    lock (order) order.Add($"{i.Context.RunId}.after");
                    if (i.Context.RunId == "first") await gate.Task;
                    return null;
                },
            });
        await using var harness = new EngineHarness([dag]);
        await harness.StartWorkerAsync();
        var afterRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.Events.TaskInstanceChanged += c => { if (c is { RunId: "first", TaskId: "after", State: TaskInstanceState.Running }) afterRunning.TrySetResult(); };
        harness.Engine.Events.DagRunChanged += c => { if (c is { RunId: "second", State: DagRunState.Success }) secondDone.TrySetResult(); };
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var first = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("wfd"), null, start, "first", default);
        var second = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("wfd"), null, start.AddDays(1), "second", default);
        await harness.Engine.StartRunAsync(first, default);
        await afterRunning.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The previous run's t succeeded, which would satisfy depends_on_past; its downstream has not.
        await harness.Engine.StartRunAsync(second, default);
        Assert.Equal(TaskInstanceState.Success, (await harness.TaskInstancesAsync(first))["t"].State);
        Assert.Equal(TaskInstanceState.None, (await harness.TaskInstancesAsync(second))["t"].State);

        gate.SetResult();
        await secondDone.Task.WaitAsync(TimeSpan.FromSeconds(30));
        lock (order) Assert.Equal(["first.t", "first.after", "second.t", "second.after"], order);
    }

    [Fact]
    public async Task Run_Callbacks_CalledAfterCommitAndAThrowingOneChangesNothing()
    {
        var calls = new List<string>();
        var allCalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCallback Record(string name, bool fail = false) => (context, _, _) =>
        {
            lock (calls)
            {
                calls.Add($"{name}:{context.TaskId ?? "dag"}:{context.State}");
                if (calls.Count == 4) allCalled.TrySetResult();
            }
            return fail ? throw new InvalidOperationException("callback broke") : ValueTask.CompletedTask;
        };
        var tries = 0;
        var dag = new DagDefinition
        {
            DagId = "cb",
            OnFailure = Record("dag_failure"),
            Tasks =
            [
                new TaskDefinition { TaskId = "ok", MethodName = "ok", OnSuccess = Record("success", fail: true), Invoke = _ => new ValueTask<string?>((string?)null) },
                new TaskDefinition
                {
                    TaskId = "bad", MethodName = "bad", Retries = 1, RetryDelay = TimeSpan.Zero, OnRetry = Record("retry"), OnFailure = Record("failure"),
                    Invoke = _ => Interlocked.Increment(ref tries) > 0 ? throw new InvalidOperationException("no") : default,
                },
            ],
        };
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("cb");
        await allCalled.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TaskInstanceState.Success, (await harness.TaskInstancesAsync(run))["ok"].State);
        lock (calls) Assert.Equal(["dag_failure:dag:failed", "failure:bad:failed", "retry:bad:up_for_retry", "success:ok:success"], calls.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SchedulePass_PreviousRunFinishedElsewhere_WakesTheWaitingInstance()
    {
        var dag = Of("past_backstop", new TaskDefinition { TaskId = "t", MethodName = "t", DependsOnPast = true, Invoke = _ => new ValueTask<string?>((string?)null) });
        await using var harness = new EngineHarness([dag]);
        await harness.PrepareAsync();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var first = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("past_backstop"), null, start, "first", default);
        var second = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("past_backstop"), null, start.AddDays(1), "second", default);
        await harness.Engine.StartRunAsync(second, default);
        Assert.Equal(TaskInstanceState.None, (await harness.TaskInstancesAsync(second))["t"].State);

        // As if another process finished the first run's instance and died before waking the next run.
        await using (var tx = await harness.Store.BeginRunTransactionAsync(first.Id, default))
        {
            await tx.TransitionAsync("t", [TaskInstanceState.None], TaskInstanceState.Success, new CodeFirst.Runtime.Storage.TaskTransition(DateTimeOffset.UtcNow) { Ends = true }, default);
            await tx.CommitAsync(default);
        }
        await harness.Engine.SchedulePassAsync(default);

        Assert.Equal(TaskInstanceState.Queued, (await harness.TaskInstancesAsync(second))["t"].State);
    }

    [Fact]
    public async Task SchedulePass_Zombie_FiresTheFailureCallbackWithAContext()
    {
        var calls = new List<string>();
        var dag = Of("zombie_cb", new TaskDefinition
        {
            TaskId = "t", MethodName = "t", Invoke = _ => new ValueTask<string?>((string?)null),
            OnFailure = (context, _, _) => { lock (calls) calls.Add($"{context.Task!.TaskId}:{context.State}:{context.Error}"); return ValueTask.CompletedTask; },
        });
        await using var harness = new EngineHarness([dag]);
        await harness.PrepareAsync();
        var run = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("zombie_cb"), null, null, null, default);
        await harness.Engine.StartRunAsync(run, default);
        var claimed = await harness.Store.ClaimAsync("dead-worker", 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(-1), default);
        Assert.Single(claimed);

        await harness.Engine.SchedulePassAsync(default);

        Assert.Equal(TaskInstanceState.Failed, (await harness.TaskInstancesAsync(run))["t"].State);
        lock (calls) Assert.Equal(["t:failed:zombie"], calls);
    }
}
