using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Execution;

/// <summary>A worker whose task queued downstream tasks claims one of them for the slot it frees.</summary>
public sealed class HandOffTests
{
    [Fact]
    public async Task Chain_EachDownstreamTaskIsClaimedByItsUpstreamsSlot()
    {
        ClaimRecordingStore recorder = null!;
        var dag = Of("chain", Task("a", _ => null), Task("b", _ => null, upstream: ["a"]), Task("c", _ => null, upstream: ["b"]), Task("d", _ => null, upstream: ["c"]));
        await using var harness = new EngineHarness([dag], options: new EngineOptions { Concurrency = 1 },
            decorate: store => { (var wrapped, recorder) = ClaimRecordingStore.Wrap(store); return wrapped; });

        var run = await harness.RunAsync("chain");

        Assert.Equal(DagRunState.Success, run.State);
        var handedOff = recorder.Claims.Where(c => c.Request.Only is not null).ToList();
        Assert.Equal([["b"], ["c"], ["d"]], handedOff.Select(c => c.Request.Only!.TaskIds.ToArray()));
        Assert.All(handedOff, c => Assert.Equal(run.Id, c.Request.Only!.RunPk));
        Assert.Equal(["b", "c", "d"], handedOff.Select(c => Assert.Single(c.Claimed).TaskId));
    }

    [Fact]
    public async Task FanOut_TheDownstreamTasksNotHandedOffAreClaimedWithoutWaitingForThePoll()
    {
        ClaimRecordingStore recorder = null!;
        var dag = Of("fan", Task("a", _ => null), Task("b", _ => null, upstream: ["a"]), Task("c", _ => null, upstream: ["a"]), Task("d", _ => null, upstream: ["a"]));
        // A poll this long means only a wake-up can start c and d within the harness's 30 s.
        await using var harness = new EngineHarness([dag], options: new EngineOptions { Concurrency = 4, PollInterval = TimeSpan.FromHours(1) },
            decorate: store => { (var wrapped, recorder) = ClaimRecordingStore.Wrap(store); return wrapped; });

        var run = await harness.RunAsync("fan");

        Assert.Equal(DagRunState.Success, run.State);
        var handedOff = Assert.Single(recorder.Claims, c => c.Request.Only is not null);
        Assert.Equal(["b", "c", "d"], handedOff.Request.Only!.TaskIds.Order());
        Assert.Single(handedOff.Claimed);
    }
}
