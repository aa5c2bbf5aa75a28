using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>Airflow's pool include_deferred: deferred instances hold their pool's slots only when the pool says so.</summary>
public abstract partial class StoreConformanceTests
{
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task ClaimAsync_DeferredInstanceInOneSlotPool_HoldsTheSlotOnlyWithIncludeDeferred(bool includeDeferred, int claimable)
    {
        await Store.SetPoolAsync("api", 1, null, includeDeferred, default);
        var run = await CreateRunWithAsync("r1",
            new NewTaskInstance("waits", 1, 10, "default", "api", 1), new NewTaskInstance("next", 1, 1, "default", "api", 1));
        await QueueAllAsync(run);
        var first = Assert.Single(await Store.ClaimAsync(Request("w", 1), default));
        Assert.Equal("waits", first.TaskId);
        Assert.True(await Triggers.DeferAsync(first.Id, "w", new NewTrigger("kind", "{}", null), [], Now, default));

        var claimed = await Store.ClaimAsync(Request("w", 5), default);

        Assert.Equal(claimable, claimed.Count);
        var pool = (await Store.GetPoolAsync("api", default))!;
        // Either the deferred instance or the one claimed after it fills the only slot.
        Assert.Equal((includeDeferred, 1, 0), (pool.IncludeDeferred, pool.DeferredSlots, pool.OpenSlots));
    }

    [Fact]
    public async Task SetPoolAsync_IncludeDeferredNull_KeepsTheCurrentSetting()
    {
        await Store.SetPoolAsync("api", 2, null, true, default);
        await Store.SetPoolAsync("api", 3, null, default);

        var pool = (await Store.GetPoolAsync("api", default))!;
        Assert.Equal((3, true), (pool.Slots, pool.IncludeDeferred));
    }
}
