using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>Several fired triggers recorded in one transaction (the triggerer's group commit).</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task FireTriggersAsync_ThreeFireOneNoLongerDeferred_QueuesTheOthersWithTheirOwnEventsAndDeletesAll()
    {
        var run = await CreateRunWithAsync("r1",
            new NewTaskInstance("a", 3, 1, "default"), new NewTaskInstance("b", 3, 1, "default"), new NewTaskInstance("c", 3, 1, "default"));
        await QueueAllAsync(run);
        foreach (var claim in await Store.ClaimAsync("w", 3, Now, Now.AddSeconds(30), default))
            Assert.True(await Triggers.DeferAsync(claim.Id, "w", new NewTrigger("kind", "{}", null), [], Now, default));
        var triggers = (await Triggers.ClaimTriggersAsync("t", 10, Now, Now.AddSeconds(30), default)).ToDictionary(t => t.TaskId, t => t.Id);
        // c's deferral is delivered on its own first: in the batch it no longer counts.
        Assert.True(await Triggers.FireTriggerAsync(triggers["c"], """{"n":"alone"}""", Now, default));

        var fired = await Triggers.FireTriggersAsync(
            [new TriggerFiring(triggers["a"], """{"n":"a"}"""), new TriggerFiring(triggers["b"], """{"n":"b"}"""), new TriggerFiring(triggers["c"], """{"n":"again"}""")],
            Now, default);

        Assert.Equal(new[] { triggers["a"], triggers["b"] }.Order(), fired.Order());
        var resumed = (await Store.ClaimAsync("w", 5, Now, Now.AddSeconds(30), default)).ToDictionary(c => c.TaskId, c => c.TriggerEvent);
        Assert.Equal(new Dictionary<string, string?> { ["a"] = """{"n":"a"}""", ["b"] = """{"n":"b"}""", ["c"] = """{"n":"alone"}""" }, resumed);
        Assert.Empty(await Triggers.ClaimTriggersAsync("t2", 10, Now.AddMinutes(5), Now.AddMinutes(6), default));
    }

    [Fact]
    public async Task FireTriggersAsync_NoFirings_FiresNothing()
    {
        Assert.Empty(await Triggers.FireTriggersAsync([], Now, default));
    }
}
