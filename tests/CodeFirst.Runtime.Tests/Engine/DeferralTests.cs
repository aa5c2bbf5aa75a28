using System.Collections.Concurrent;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Triggers;

namespace CodeFirst.Runtime.Tests.Engine;

public sealed class DeferralTests
{
    private static SensorSpec Deferrable(TimeSpan? timeout = null) =>
        new() { PokeInterval = TimeSpan.FromMilliseconds(50), Timeout = timeout ?? TimeSpan.FromSeconds(20), Deferrable = true };

    [Fact]
    public async Task DeferrableSensor_OneWorkerSlot_OtherTaskRunsWhileItWaitsAndTheValueBecomesXCom()
    {
        // With one worker slot, a sensor that held it would wait forever for "release": only deferral lets it run.
        var released = 0;
        var states = new ConcurrentQueue<TaskInstanceState>();
        var dag = TestDag.Of("deferrable",
            TestDag.Sensor("wait", _ => Volatile.Read(ref released) == 1 ? new SensorResult<string>(true, "ready") : new SensorResult<string>(false), Deferrable()),
            TestDag.Task("release", _ => { Volatile.Write(ref released, 1); return null; }));
        await using var harness = new EngineHarness([dag], options: new EngineOptions { Concurrency = 1, PollInterval = TimeSpan.FromMilliseconds(100) }) { RunTriggerer = true };
        harness.Engine.Events.TaskInstanceChanged += c => { if (c.TaskId == "wait") states.Enqueue(c.State); };

        var run = await harness.RunAsync("deferrable");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Contains(TaskInstanceState.Deferred, states);
        var sensor = (await harness.TaskInstancesAsync(run))["wait"];
        Assert.Equal((TaskInstanceState.Success, 1), (sensor.State, sensor.TryNumber));
        Assert.Equal("\"ready\"", await harness.Store.GetXComAsync(run.Id, "wait", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task DeferrableSensor_Timeout_FailsWithoutRetry()
    {
        var dag = TestDag.Of("deferred_timeout", TestDag.Sensor("wait", _ => false, Deferrable(TimeSpan.FromMilliseconds(400)), retries: 2));
        await using var harness = new EngineHarness([dag], options: new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(100) }) { RunTriggerer = true };

        var run = await harness.RunAsync("deferred_timeout");

        var sensor = (await harness.TaskInstancesAsync(run))["wait"];
        Assert.Equal((DagRunState.Failed, TaskInstanceState.Failed, 1), (run.State, sensor.State, sensor.TryNumber));
    }

    [Fact]
    public async Task TaskDeferredException_TimeDeltaTrigger_TaskResumesWithTheEvent()
    {
        var dag = TestDag.Of("defer_task", TestDag.Task("later", invocation =>
        {
            if (invocation.Context.TriggerEvent is null) throw new TaskDeferredException(new TimeDeltaTrigger(TimeSpan.FromMilliseconds(200)));
            return XComJson.Serialize("resumed after " + invocation.Context.TriggerEvent);
        }));
        await using var harness = new EngineHarness([dag], options: new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(100) }) { RunTriggerer = true };

        var run = await harness.RunAsync("defer_task");

        Assert.Equal(DagRunState.Success, run.State);
        var value = XComJson.Deserialize<string>((await harness.Store.GetXComAsync(run.Id, "later", XComJson.ReturnValueKey, default))!);
        Assert.StartsWith("resumed after \"20", value, StringComparison.Ordinal);
        Assert.Equal(1, (await harness.TaskInstancesAsync(run))["later"].TryNumber);
    }

    [Fact]
    public async Task Triggerer_DeadTriggerersLeaseExpires_AnotherTakesTheTriggerOver()
    {
        var dag = TestDag.Of("takeover", TestDag.Task("later", invocation =>
            invocation.Context.TriggerEvent is null ? throw new TaskDeferredException(new TimeDeltaTrigger(TimeSpan.Zero)) : null));
        var lease = TimeSpan.FromSeconds(1);
        await using var harness = new EngineHarness([dag], options: new EngineOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(100), LeaseDuration = lease, HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        });
        var deferred = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.Events.TaskInstanceChanged += c =>
        {
            if (c.State == TaskInstanceState.Deferred) deferred.TrySetResult();
        };
        // The worker runs alone until a triggerer claimed the trigger row and died without firing it.
        var running = harness.RunAsync("takeover");
        await deferred.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var claimedAt = DateTimeOffset.UtcNow;
        var claimed = await harness.Store.ClaimTriggersAsync("dead-triggerer", 10, claimedAt, claimedAt + lease, default);
        Assert.Single(claimed);

        using var stopTriggerer = new CancellationTokenSource();
        var triggerer = harness.Engine.RunAsync(scheduler: false, worker: false, triggerer: true, stopTriggerer.Token);
        var run = await running;
        await stopTriggerer.CancelAsync();
        await triggerer;

        Assert.Equal(DagRunState.Success, run.State);
        Assert.True(run.EndDate - claimedAt >= lease - TimeSpan.FromMilliseconds(50), $"finished {run.EndDate - claimedAt} after the dead triggerer's claim");
    }
}
