using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>The aggregate read behind the /metrics gauges: on every store.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task CountActiveAsync_QueuedRunningAndHeldTriggers_CountedPerQueueAndPool()
    {
        var run = (await Store.CreateRunAsync(new NewDagRun("dag", "m1", DagRunType.Manual, Now, Now, Now.AddDays(1), "{}",
        [
            new NewTaskInstance("a", 1, 3, "etl", "warehouse"),
            new NewTaskInstance("b", 1, 2, "etl", "warehouse"),
            new NewTaskInstance("c", 1, 1, "default"),
            new NewTaskInstance("d", 1, 1, "default"),
        ]), Now, default))!;
        var metrics = (IMetricsQueries)Store;
        Assert.Empty((await metrics.CountActiveAsync(Now, default)).TaskInstances);
        await QueueAllAsync(run);
        await Store.SetPoolAsync("warehouse", 5, null, default);
        var claimed = await Store.ClaimAsync("w", 2, Now, Now.AddSeconds(30), default); // a and b: the highest weights
        var deferred = claimed[0];
        Assert.True(await ((ITriggerStore)Store).DeferAsync(deferred.Id, "w", new NewTrigger("kind", "{}", null), [], Now, default));
        Assert.Single(await ((ITriggerStore)Store).ClaimTriggersAsync("triggerer", 10, Now, Now.AddSeconds(30), default));

        var counts = await metrics.CountActiveAsync(Now.AddSeconds(1), default);

        Assert.Equal(["default/default_pool/queued=2", "etl/warehouse/running=1"],
            counts.TaskInstances.Select(c => $"{c.Queue}/{c.Pool}/{c.State.Name()}={c.Count}").Order(StringComparer.Ordinal));
        Assert.Equal(1, counts.RunningTriggers);
        Assert.Equal(0, (await metrics.CountActiveAsync(Now.AddMinutes(1), default)).RunningTriggers); // the triggerer's lease ran out
    }
}
