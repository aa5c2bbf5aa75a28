using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Execution;

/// <summary>A worker whose task queued downstream tasks runs one of them in the slot the task frees.</summary>
public sealed class HandOffTests
{
    private ClaimRecordingStore _claims = null!;

    /// <summary>A harness whose store records every claim in <see cref="_claims"/> (set when the harness opens its store).</summary>
    private EngineHarness HarnessRecordingClaims(DagDefinition dag, EngineOptions options) =>
        new([dag], options: options, decorate: store => { (var wrapped, _claims) = ClaimRecordingStore.Wrap(store); return wrapped; });

    [Fact]
    public async Task Chain_EachDownstreamTaskStartsInItsUpstreamsSlotWithoutAClaim()
    {
        var dag = Of("chain", Task("a", _ => null), Task("b", _ => null, upstream: ["a"]), Task("c", _ => null, upstream: ["b"]), Task("d", _ => null, upstream: ["c"]));
        await using var harness = HarnessRecordingClaims(dag, new EngineOptions { Concurrency = 1 });

        var run = await harness.RunAsync("chain");

        Assert.Equal(DagRunState.Success, run.State);
        // Only the root went through a claim; b, c and d started in the transactions that finished their upstream tasks.
        Assert.Equal(["a"], _claims.Claims.SelectMany(c => c.Claimed).Select(c => c.TaskId));
        var tis = await harness.TaskInstancesAsync(run);
        Assert.All(tis.Values, ti => Assert.Equal((TaskInstanceState.Success, 1), (ti.State, ti.TryNumber)));
    }

    [Fact]
    public async Task Chain_DownstreamInAnotherPool_IsClaimedForTheFreedSlotWithThatPoolsLimits()
    {
        var dag = Of("pools", Task("a", _ => null), Task("b", _ => null, upstream: ["a"], pool: "other"));
        await using var harness = HarnessRecordingClaims(dag, new EngineOptions { Concurrency = 1 });
        await harness.PrepareAsync();
        await harness.Store.SetPoolAsync("other", 1, null, default);

        var run = await harness.RunAsync("pools");

        Assert.Equal(DagRunState.Success, run.State);
        var handedOff = Assert.Single(_claims.Claims, c => c.Request.Only is not null);
        Assert.Equal((run.Id, "pools"), (handedOff.Request.Only!.RunPk, handedOff.Request.Only.DagId));
        Assert.Equal(["b"], handedOff.Request.Only.TaskIds);
        Assert.Equal("b", Assert.Single(handedOff.Claimed).TaskId);
    }

    [Fact]
    public async Task FanOut_TheDownstreamTasksNotStartedInTheSlotAreClaimedWithoutWaitingForThePoll()
    {
        var dag = Of("fan", Task("a", _ => null), Task("b", _ => null, upstream: ["a"]), Task("c", _ => null, upstream: ["a"]), Task("d", _ => null, upstream: ["a"]));
        // A poll this long means only a wake-up can start the other two within the harness's 30 s.
        await using var harness = HarnessRecordingClaims(dag, new EngineOptions { Concurrency = 4, PollInterval = TimeSpan.FromHours(1) });

        var run = await harness.RunAsync("fan");

        Assert.Equal(DagRunState.Success, run.State);
        // a, then two of b, c, d by the claim loop; the third started in a's slot.
        Assert.Equal(3, _claims.Claims.Sum(c => c.Claimed.Count));
    }

    [Fact]
    public async Task HandOffSlotsOff_EveryDownstreamTaskGoesThroughAnUnscopedClaim()
    {
        var dag = Of("chain", Task("a", _ => null), Task("b", _ => null, upstream: ["a"]), Task("c", _ => null, upstream: ["b"]));
        await using var harness = HarnessRecordingClaims(dag, new EngineOptions { Concurrency = 1, HandOffSlots = false });

        var run = await harness.RunAsync("chain");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal(["a", "b", "c"], _claims.Claims.Where(c => c.Request.Only is null).SelectMany(c => c.Claimed).Select(c => c.TaskId));
        Assert.DoesNotContain(_claims.Claims, c => c.Request.Only is not null);
    }

    [Fact]
    public async Task MappedDownstreamInAnotherPool_OneInstanceHandedOff_TheOthersClaimedWithoutWaitingForThePoll()
    {
        var dag = Of("mapped",
            Task("items", i => i.Serialize(new[] { 1, 2, 3 })),
            Task("each", _ => null, inputs: ["items"], mapOver: "items", pool: "other"));
        // A poll this long means only a wake-up can start the instances the hand-off did not take.
        await using var harness = HarnessRecordingClaims(dag, new EngineOptions { Concurrency = 4, PollInterval = TimeSpan.FromHours(1) });
        await harness.PrepareAsync();
        await harness.Store.SetPoolAsync("other", 4, null, default);

        var run = await harness.RunAsync("mapped");

        Assert.Equal(DagRunState.Success, run.State);
        var handedOff = Assert.Single(_claims.Claims, c => c.Request.Only is not null);
        Assert.Single(handedOff.Claimed);
        Assert.Equal(3, (await harness.Store.ListTaskInstancesAsync(run.Id, default)).Count(t => t.TaskId == "each" && t.State == TaskInstanceState.Success));
    }
}
