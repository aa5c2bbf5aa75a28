using CodeFirst.Definitions;
using CodeFirst.Runtime.Operations;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

/// <summary>
/// A branch or short circuit that already finished keeps its decision when the run starts again
/// (after a clear or a mark): the tasks it skipped are skipped again instead of running (Airflow's
/// NotPreviouslySkippedDep).
/// </summary>
public sealed class BranchResumeTests
{
    [Fact]
    public async Task Clear_TaskTheBranchSkipped_IsSkippedAgainWhenTheRunRestarts()
    {
        var rightCalls = 0;
        var dag = Of("branching",
            new TaskDefinition { TaskId = "pick", MethodName = "pick", Kind = TaskKind.Branch, Invoke = i => new ValueTask<string?>(i.Serialize("left")) },
            Task("left", _ => null, upstream: ["pick"]),
            Task("right", _ => { Interlocked.Increment(ref rightCalls); return null; }, upstream: ["pick"]),
            Task("join", _ => null, upstream: ["left", "right"], rule: TriggerRule.NoneFailedMinOneSuccess));
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("branching");

        var rerun = await harness.RerunAsync(run, () =>
            harness.Engine.Operations.ClearAsync(new ClearRequest("branching") { RunId = run.RunId, TaskIds = ["right"], IncludeDownstream = true }, default));

        Assert.Equal(DagRunState.Success, rerun.State);
        var tis = await harness.TaskInstancesAsync(rerun);
        Assert.Equal((TaskInstanceState.Skipped, TaskInstanceState.Success), (tis["right"].State, tis["join"].State));
        Assert.Equal(0, rightCalls);
    }

    [Fact]
    public async Task Clear_TasksAFalseShortCircuitSkipped_AreSkippedAgainWhateverTheirRules()
    {
        var calls = 0;
        var dag = Of("circuit",
            new TaskDefinition { TaskId = "check", MethodName = "check", Kind = TaskKind.ShortCircuit, Invoke = i => new ValueTask<string?>(i.Serialize(false)) },
            Task("next", _ => { Interlocked.Increment(ref calls); return null; }, upstream: ["check"]),
            Task("always", _ => { Interlocked.Increment(ref calls); return null; }, upstream: ["next"], rule: TriggerRule.AllDone));
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("circuit");

        var rerun = await harness.RerunAsync(run, () =>
            harness.Engine.Operations.ClearAsync(new ClearRequest("circuit") { RunId = run.RunId, TaskIds = ["next", "always"] }, default));

        Assert.Equal(DagRunState.Success, rerun.State);
        var tis = await harness.TaskInstancesAsync(rerun);
        Assert.Equal((TaskInstanceState.Skipped, TaskInstanceState.Skipped), (tis["next"].State, tis["always"].State));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Clear_TheBranchItself_DecidesAgainFromItsNewResult()
    {
        var follow = "left";
        var dag = Of("branching",
            new TaskDefinition { TaskId = "pick", MethodName = "pick", Kind = TaskKind.Branch, Invoke = i => new ValueTask<string?>(i.Serialize(follow)) },
            Task("left", _ => null, upstream: ["pick"]),
            Task("right", _ => null, upstream: ["pick"]));
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("branching");
        follow = "right";

        var rerun = await harness.RerunAsync(run, () =>
            harness.Engine.Operations.ClearAsync(new ClearRequest("branching") { RunId = run.RunId, TaskIds = ["pick"], IncludeDownstream = true }, default));

        var tis = await harness.TaskInstancesAsync(rerun);
        Assert.Equal((TaskInstanceState.Skipped, TaskInstanceState.Success), (tis["left"].State, tis["right"].State));
    }
}
