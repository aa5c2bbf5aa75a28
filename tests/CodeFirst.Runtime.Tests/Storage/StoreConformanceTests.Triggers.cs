using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>Sensor pokes, reschedules, deferral and trigger leases: on every store.</summary>
public abstract partial class StoreConformanceTests
{
    private ITriggerStore Triggers => (ITriggerStore)Store;

    private async Task<(DagRunRecord Run, ClaimedTask Claim)> ClaimOneAsync(string worker = "w", DateTimeOffset? at = null)
    {
        var run = await CreateRunWithAsync("r1", new NewTaskInstance("sensor", 3, 1, "default"));
        await QueueAllAsync(run);
        var claim = Assert.Single(await Store.ClaimAsync(worker, 1, at ?? Now, (at ?? Now).AddSeconds(30), default));
        return (run, claim);
    }

    private async Task<TaskInstanceRecord> InstanceAsync(DagRunRecord run) => Assert.Single(await Store.ListTaskInstancesAsync(run.Id, default));

    [Fact]
    public async Task RescheduleAsync_Running_WaitsUntilDueThenSameTryAndFirstPokeKept()
    {
        var (run, claim) = await ClaimOneAsync();
        var first = await Triggers.BeginPokeAsync(claim.Id, claim.TryNumber, Now, default);

        Assert.False(await Triggers.RescheduleAsync(claim.Id, "other-worker", Now.AddMinutes(1), [], Now, default));
        Assert.True(await Triggers.RescheduleAsync(claim.Id, "w", Now.AddMinutes(1), [new LogLine(Now, "Information", "not yet")], Now, default));

        Assert.Equal(TaskInstanceState.UpForReschedule, (await InstanceAsync(run)).State);
        Assert.Equal(Now.AddMinutes(1), await Store.NextRetryDueAsync(default));
        Assert.Empty(await Store.ClaimAsync("w", 1, Now.AddSeconds(59), Now.AddMinutes(2), default));
        var again = Assert.Single(await Store.ClaimAsync("w", 1, Now.AddMinutes(1), Now.AddMinutes(2), default));
        Assert.Equal(claim.TryNumber, again.TryNumber);
        var second = await Triggers.BeginPokeAsync(again.Id, again.TryNumber, Now.AddMinutes(1), default);
        Assert.Equal((Now, 1), (first.FirstPokeAt, first.PokeCount));
        Assert.Equal((Now, 2), (second.FirstPokeAt, second.PokeCount));
        Assert.Equal(["not yet"], (await Store.GetLogAsync(run.Id, "sensor", 1, default)).Select(l => l.Message));
        // A new try (a retry) starts its timeout afresh.
        var retry = await Triggers.BeginPokeAsync(again.Id, again.TryNumber + 1, Now.AddMinutes(5), default);
        Assert.Equal((Now.AddMinutes(5), 1), (retry.FirstPokeAt, retry.PokeCount));
    }

    [Fact]
    public async Task FireTriggerAsync_TwoTriggerersFireOneDeferral_DeliveredOnceToTheSameTry()
    {
        var (run, claim) = await ClaimOneAsync();
        Assert.True(await Triggers.DeferAsync(claim.Id, "w", new NewTrigger("kind", """{"a":1}""", Now.AddHours(1)), [], Now, default));
        Assert.Equal(TaskInstanceState.Deferred, (await InstanceAsync(run)).State);
        Assert.Empty(await Store.ClaimAsync("w", 1, Now, Now.AddSeconds(30), default));

        var trigger = Assert.Single(await Triggers.ClaimTriggersAsync("t1", 10, Now, Now.AddSeconds(30), default));
        Assert.Equal((claim.Id, "dag", "r1", "sensor", "kind", """{"a":1}""", Now.AddHours(1)),
            (trigger.TaskInstanceId, trigger.DagId, trigger.RunId, trigger.TaskId, trigger.Kind, trigger.Arguments, trigger.TimeoutAt));
        Assert.Empty(await Triggers.ClaimTriggersAsync("t2", 10, Now, Now.AddSeconds(30), default));

        Assert.True(await Triggers.FireTriggerAsync(trigger.Id, """{"status":"fired"}""", Now, default));
        Assert.False(await Triggers.FireTriggerAsync(trigger.Id, """{"status":"fired"}""", Now, default));

        var resumed = Assert.Single(await Store.ClaimAsync("w", 1, Now, Now.AddSeconds(30), default));
        Assert.Equal((claim.TryNumber, """{"status":"fired"}"""), (resumed.TryNumber, resumed.TriggerEvent));
        Assert.Empty(await Triggers.ClaimTriggersAsync("t2", 10, Now, Now.AddSeconds(30), default));
    }

    [Fact]
    public async Task ClaimTriggersAsync_LeaseExpired_AnotherTriggererTakesOverAndTheFirstLosesIt()
    {
        var (_, claim) = await ClaimOneAsync();
        await Triggers.DeferAsync(claim.Id, "w", new NewTrigger("kind", "{}", null), [], Now, default);
        var dead = Assert.Single(await Triggers.ClaimTriggersAsync("dead", 10, Now, Now.AddSeconds(30), default));

        Assert.Empty(await Triggers.ClaimTriggersAsync("live", 10, Now.AddSeconds(29), Now.AddSeconds(60), default));
        await using var second = OpenSameDatabase();
        var taken = Assert.Single(await ((ITriggerStore)second).ClaimTriggersAsync("live", 10, Now.AddSeconds(31), Now.AddSeconds(61), default));

        Assert.Equal(dead.Id, taken.Id);
        Assert.Empty(await Triggers.HeartbeatTriggersAsync("dead", [dead.Id], Now.AddSeconds(90), default));
        Assert.Equal([taken.Id], await Triggers.HeartbeatTriggersAsync("live", [taken.Id], Now.AddSeconds(90), default));
    }

    [Fact]
    public async Task ClaimTriggersAsync_InstanceNoLongerDeferred_TriggerDropped()
    {
        var (run, claim) = await ClaimOneAsync();
        await Triggers.DeferAsync(claim.Id, "w", new NewTrigger("kind", "{}", null), [], Now, default);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            Assert.True(await tx.TransitionAsync("sensor", [TaskInstanceState.Deferred], TaskInstanceState.Skipped, new TaskTransition(Now) { Ends = true }, default));
            await tx.CommitAsync(default);
        }

        Assert.Empty(await Triggers.ClaimTriggersAsync("t", 10, Now, Now.AddSeconds(30), default));
    }
}
