using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Execution;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

public sealed class ExecutionSemanticsTests
{
    [Theory]
    [InlineData(1, 10, 20)]
    [InlineData(2, 20, 40)]
    [InlineData(4, 80, 160)]
    public void NextDelay_ExponentialBackoff_DoublesPerTryWithJitterBelowTheBase(int tryNumber, int min, int maxExclusive)
    {
        var task = new TaskDefinition { TaskId = "t", MethodName = "t", RetryDelay = TimeSpan.FromSeconds(10), RetryExponentialBackoff = true, Invoke = _ => default };

        var delay = RetryPolicy.NextDelay(task, "dag", DateTimeOffset.UnixEpoch, tryNumber);

        Assert.InRange(delay.TotalSeconds, min, maxExclusive - 1);
        Assert.Equal(delay, RetryPolicy.NextDelay(task, "dag", DateTimeOffset.UnixEpoch, tryNumber));
    }

    [Fact]
    public void NextDelay_MaxRetryDelayOrNoBackoff_CapsOrKeepsTheDelay()
    {
        var capped = new TaskDefinition { TaskId = "t", MethodName = "t", RetryDelay = TimeSpan.FromMinutes(1), RetryExponentialBackoff = true, MaxRetryDelay = TimeSpan.FromMinutes(3), Invoke = _ => default };
        var plain = new TaskDefinition { TaskId = "t", MethodName = "t", RetryDelay = TimeSpan.FromMinutes(1), Invoke = _ => default };

        Assert.Equal(TimeSpan.FromMinutes(3), RetryPolicy.NextDelay(capped, "dag", DateTimeOffset.UnixEpoch, 5));
        Assert.Equal(TimeSpan.FromMinutes(1), RetryPolicy.NextDelay(plain, "dag", DateTimeOffset.UnixEpoch, 5));
    }

    [Theory]
    [InlineData(WeightRule.Downstream, 6, 5, 2)]
    [InlineData(WeightRule.Upstream, 1, 4, 6)]
    [InlineData(WeightRule.Absolute, 1, 3, 2)]
    public void PriorityWeights_WeightRules_SumOwnAndRelatedWeights(WeightRule rule, int a, int b, int c)
    {
        TaskDefinition W(string id, int weight, params string[] up) => new()
        {
            TaskId = id, MethodName = id, Upstream = up, PriorityWeight = weight, WeightRule = rule, Invoke = _ => default,
        };
        var dag = Of("w", W("a", 1), W("b", 3, "a"), W("c", 2, "b"));

        var weights = PriorityWeights.Of(dag);

        Assert.Equal((a, b, c), (weights["a"], weights["b"], weights["c"]));
    }

    [Fact]
    public async Task Run_ExecutionTimeoutHonoured_TryFailsWithTimeoutAndIsRetried()
    {
        var tries = 0;
        var dag = Of("timeout", new TaskDefinition
        {
            TaskId = "slow", MethodName = "slow", Retries = 1, RetryDelay = TimeSpan.Zero, ExecutionTimeout = TimeSpan.FromMilliseconds(200),
            Invoke = async i => { Interlocked.Increment(ref tries); await System.Threading.Tasks.Task.Delay(Timeout.Infinite, i.CancellationToken); return null; },
        });
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("timeout");

        Assert.Equal(DagRunState.Failed, run.State);
        Assert.Equal(2, tries);
        var log = await harness.Store.GetLogAsync(run.Id, "slow", 1, default);
        Assert.Contains(log, l => l.Message.Contains("TimeoutException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ExecutionTimeoutIgnored_SlotTakenBackAfterGrace()
    {
        var release = new TaskCompletionSource();
        var dag = Of("stubborn", new TaskDefinition
        {
            TaskId = "stubborn", MethodName = "stubborn", ExecutionTimeout = TimeSpan.FromMilliseconds(100),
            Invoke = async _ => { await release.Task; return null; },
        });
        await using var harness = new EngineHarness([dag], options: new EngineOptions { Concurrency = 1, ExecutionTimeoutGrace = TimeSpan.FromMilliseconds(100) });

        var run = await harness.RunAsync("stubborn");
        release.SetResult();

        Assert.Equal(DagRunState.Failed, run.State);
    }

    [Fact]
    public async Task Run_XComOverLimit_FailsWithoutRetryNamingKeySizeAndLimit()
    {
        var dag = Of("big", new TaskDefinition
        {
            TaskId = "big", MethodName = "big", Retries = 3, RetryDelay = TimeSpan.Zero,
            Invoke = i => new ValueTask<string?>(i.Serialize(new string('x', 100))),
        });
        await using var harness = new EngineHarness([dag], options: new EngineOptions { Concurrency = 2, MaxXComBytes = 50 });

        var run = await harness.RunAsync("big");

        Assert.Equal(DagRunState.Failed, run.State);
        Assert.Equal(1, (await harness.TaskInstancesAsync(run))["big"].TryNumber);
        var log = await harness.Store.GetLogAsync(run.Id, "big", 1, default);
        Assert.Contains(log, l => l.Message.Contains("XCom 'return_value' of task 'big.big' is 102 bytes, more than the limit of 50 bytes", StringComparison.Ordinal));
        Assert.Null(await harness.Store.GetXComAsync(run.Id, "big", XComJson.ReturnValueKey, default));
    }

    private static DagDefinition BranchDag(string follow) => Of("branching",
        new TaskDefinition { TaskId = "pick", MethodName = "pick", Kind = TaskKind.Branch, Invoke = i => new ValueTask<string?>(i.Serialize(follow)) },
        Task("left", _ => null, upstream: ["pick"]),
        Task("right", _ => null, upstream: ["pick"]),
        Task("after_right", _ => null, upstream: ["right"]),
        Task("join", _ => null, upstream: ["left", "after_right"], rule: TriggerRule.NoneFailedMinOneSuccess));

    [Fact]
    public async Task Run_Branch_FollowsReturnedTaskAndSkipsTheOthers()
    {
        await using var harness = new EngineHarness([BranchDag("left")]);

        var run = await harness.RunAsync("branching");

        Assert.Equal(DagRunState.Success, run.State);
        var tis = await harness.TaskInstancesAsync(run);
        Assert.Equal(
            [TaskInstanceState.Success, TaskInstanceState.Success, TaskInstanceState.Skipped, TaskInstanceState.Skipped, TaskInstanceState.Success],
            new[] { "pick", "left", "right", "after_right", "join" }.Select(t => tis[t].State));
    }

    [Fact]
    public async Task Run_BranchReturnsUnknownTask_BranchFails()
    {
        await using var harness = new EngineHarness([BranchDag("nowhere")]);

        var run = await harness.RunAsync("branching");

        var tis = await harness.TaskInstancesAsync(run);
        Assert.Equal(TaskInstanceState.Failed, tis["pick"].State);
        var log = await harness.Store.GetLogAsync(run.Id, "pick", 1, default);
        Assert.Contains(log, l => l.Message.Contains("'nowhere', which is not a direct downstream task", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, TaskInstanceState.Skipped)]
    [InlineData(true, TaskInstanceState.Success)]
    public async Task Run_ShortCircuit_FalseSkipsAllDownstreamWhateverTheirRules(bool condition, TaskInstanceState expected)
    {
        var dag = Of("circuit",
            new TaskDefinition { TaskId = "check", MethodName = "check", Kind = TaskKind.ShortCircuit, Invoke = i => new ValueTask<string?>(i.Serialize(condition)) },
            Task("next", _ => null, upstream: ["check"]),
            Task("always", _ => null, upstream: ["next"], rule: TriggerRule.AllDone));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("circuit");

        Assert.Equal(DagRunState.Success, run.State);
        var tis = await harness.TaskInstancesAsync(run);
        Assert.Equal((expected, expected), (tis["next"].State, tis["always"].State));
    }
}
