using CodeFirst.Definitions;
using CodeFirst.Runtime.Operations;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Operations;

public sealed class TaskInstanceOperationsTests
{
    // extract fails on its first try only; load depends on it; report runs after load.
    private static (DagDefinition Dag, Func<int> Calls) FlakyOnce()
    {
        var calls = 0;
        var dag = Of("etl",
            Task("extract", i => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("first try fails") : i.Serialize(7)),
            Task("load", i => i.Serialize(i.GetInput<int>("extract") * 2), inputs: ["extract"]),
            Task("report", _ => null, upstream: ["load"]));
        return (dag, () => calls);
    }

    [Fact]
    public async Task Clear_FailedTaskWithDownstream_RerunsWithNextTryAndRunSucceeds()
    {
        var (dag, calls) = FlakyOnce();
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("etl");
        Assert.Equal(DagRunState.Failed, run.State);

        IReadOnlyList<AffectedTaskInstance> cleared = [];
        var rerun = await harness.RerunAsync(run, async () =>
            cleared = await harness.Engine.Operations.ClearAsync(new ClearRequest("etl") { RunId = run.RunId, TaskIds = ["extract"], IncludeDownstream = true }, default));

        Assert.Equal(["extract:failed", "load:upstream_failed", "report:upstream_failed"],
            cleared.Select(c => $"{c.TaskId}:{c.PreviousState.Name()}").Order(StringComparer.Ordinal));
        Assert.Equal(DagRunState.Success, rerun.State);
        var tis = await harness.TaskInstancesAsync(rerun);
        Assert.Equal((TaskInstanceState.Success, 2, 2), (tis["extract"].State, tis["extract"].TryNumber, tis["extract"].MaxTries));
        Assert.Equal("14", await harness.Store.GetXComAsync(run.Id, "load", XComJson.ReturnValueKey, default));
        Assert.Equal(2, calls());
    }

    [Fact]
    public async Task Clear_DryRun_ReportsWithoutChangingAnything()
    {
        var (dag, _) = FlakyOnce();
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("etl");

        var wouldClear = await harness.Engine.Operations.ClearAsync(new ClearRequest("etl") { RunId = run.RunId, TaskRegex = "^lo", IncludeUpstream = true, DryRun = true }, default);

        Assert.Equal(["extract", "load"], wouldClear.Select(c => c.TaskId).Order(StringComparer.Ordinal));
        Assert.Equal(DagRunState.Failed, (await harness.Store.GetRunAsync("etl", run.RunId, default))!.State);
        Assert.Equal(TaskInstanceState.Failed, (await harness.TaskInstancesAsync(run))["extract"].State);
    }

    [Fact]
    public async Task Clear_OnlyFailed_LeavesSucceededTasksAlone()
    {
        var dag = Of("mixed",
            Task("ok", _ => null),
            Task("bad", _ => throw new InvalidOperationException("no")),
            Task("after_bad", _ => null, upstream: ["bad"]));
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("mixed");

        var affected = await harness.Engine.Operations.ClearAsync(new ClearRequest("mixed") { RunId = run.RunId, OnlyFailed = true, DryRun = true }, default);

        Assert.Equal(["after_bad", "bad"], affected.Select(c => c.TaskId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("(unclosed", null, "task_regex '(unclosed' is not a valid regular expression")]
    [InlineData(null, "ghost", "DAG 'etl' has no task 'ghost'.")]
    public async Task Clear_BadSelection_ThrowsNamingIt(string? regex, string? taskId, string message)
    {
        var (dag, _) = FlakyOnce();
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("etl");
        var request = new ClearRequest("etl") { RunId = run.RunId, TaskRegex = regex, TaskIds = taskId is null ? [] : [taskId] };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => harness.Engine.Operations.ClearAsync(request, default));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(error is ArgumentException or KeyNotFoundException);
    }

    [Fact]
    public async Task Clear_UnknownRun_ThrowsKeyNotFound()
    {
        var (dag, _) = FlakyOnce();
        await using var harness = new EngineHarness([dag]);
        await harness.PrepareAsync();

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            harness.Engine.Operations.ClearAsync(new ClearRequest("etl") { RunId = "nope" }, default));

        Assert.Equal("DAG 'etl' has no run 'nope'.", error.Message);
    }

    [Fact]
    public async Task Clear_DateRange_SelectsRunsByLogicalDateInclusive()
    {
        var dag = Of("daily", Task("t", _ => throw new InvalidOperationException("no")));
        await using var harness = new EngineHarness([dag]);
        await harness.StartWorkerAsync();
        var day = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var failed = 0;
        var allFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.Events.DagRunChanged += change =>
        {
            if (change.State == DagRunState.Failed && Interlocked.Increment(ref failed) == 4) allFailed.TrySetResult();
        };
        foreach (var i in new[] { 0, 1, 2, 3 })
        {
            var run = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("daily"), null, day.AddDays(i), $"d{i}", default);
            await harness.Engine.StartRunAsync(run, default);
        }
        await allFailed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var affected = await harness.Engine.Operations.ClearAsync(
            new ClearRequest("daily") { StartDate = day.AddDays(1), EndDate = day.AddDays(2), DryRun = true }, default);
        var openEnded = await harness.Engine.Operations.ClearAsync(new ClearRequest("daily") { EndDate = day, DryRun = true }, default);

        Assert.Equal(["d1", "d2"], affected.Select(a => a.RunId).Order(StringComparer.Ordinal));
        Assert.Equal(["d0"], openEnded.Select(a => a.RunId));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Engine.Operations.ClearAsync(new ClearRequest("daily") { StartDate = day.AddDays(2), EndDate = day }, default));
    }

    [Fact]
    public async Task Mark_SuccessWithDownstreamOnFailedRun_RunBecomesSuccess()
    {
        var (dag, _) = FlakyOnce();
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("etl");

        var marked = await harness.Engine.Operations.MarkAsync(
            new MarkRequest("etl", run.RunId, "extract", TaskInstanceState.Success) { IncludeDownstream = true }, default);

        Assert.Equal(3, marked.Count);
        Assert.Equal(DagRunState.Success, (await harness.Store.GetRunAsync("etl", run.RunId, default))!.State);
        Assert.All((await harness.TaskInstancesAsync(run)).Values, t => Assert.Equal(TaskInstanceState.Success, t.State));
    }

    [Fact]
    public async Task Mark_FailedOnSucceededLeaf_RunBecomesFailed()
    {
        var dag = Of("ok", Task("a", _ => null), Task("b", _ => null, upstream: ["a"]));
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("ok");

        await harness.Engine.Operations.MarkAsync(new MarkRequest("ok", run.RunId, "b", TaskInstanceState.Failed), default);

        Assert.Equal(DagRunState.Failed, (await harness.Store.GetRunAsync("ok", run.RunId, default))!.State);
    }

    [Fact]
    public async Task Mark_FailedTaskSuccess_ClearsItsFailedDownstreamWhichRunsAgain()
    {
        var dag = Of("chain",
            Task("a", _ => throw new InvalidOperationException("broken")),
            Task("b", _ => null, upstream: ["a"]),
            Task("c", _ => null, upstream: ["b"]),
            Task("aside", _ => throw new InvalidOperationException("also broken")));
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("chain");
        Assert.Equal(TaskInstanceState.UpstreamFailed, (await harness.TaskInstancesAsync(run))["c"].State);

        IReadOnlyList<AffectedTaskInstance> marked = [];
        var rerun = await harness.RerunAsync(run, async () =>
        {
            marked = await harness.Engine.Operations.MarkAsync(new MarkRequest("chain", run.RunId, "a", TaskInstanceState.Success), default);
            Assert.Equal(DagRunState.Queued, (await harness.Store.GetRunAsync("chain", run.RunId, default))!.State);
        });

        Assert.Equal(["a:failed"], marked.Select(m => $"{m.TaskId}:{m.PreviousState.Name()}"));
        var tis = await harness.TaskInstancesAsync(rerun);
        Assert.Equal((TaskInstanceState.Success, TaskInstanceState.Success, TaskInstanceState.Success), (tis["a"].State, tis["b"].State, tis["c"].State));
        Assert.Equal(TaskInstanceState.Failed, tis["aside"].State); // not downstream of the marked task: untouched
        Assert.Equal(1, tis["a"].TryNumber);
        Assert.Equal(DagRunState.Failed, rerun.State);
    }

    [Fact]
    public async Task Mark_FinishingTheRun_RunsTheDagCallbackButNoTaskCallback()
    {
        var calls = new List<string>();
        var firstFailure = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCallback Record(string name) => (context, _, _) =>
        {
            lock (calls) calls.Add($"{name}:{context.TaskId ?? "dag"}:{context.State}");
            if (name == "dag_failure") firstFailure.TrySetResult();
            return ValueTask.CompletedTask;
        };
        var dag = new DagDefinition
        {
            DagId = "cb",
            OnSuccess = Record("dag_success"),
            OnFailure = Record("dag_failure"),
            Tasks =
            [
                new TaskDefinition
                {
                    TaskId = "bad", MethodName = "bad", OnSuccess = Record("success"), OnFailure = Record("failure"),
                    Invoke = _ => throw new InvalidOperationException("no"),
                },
            ],
        };
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("cb");
        await firstFailure.Task.WaitAsync(TimeSpan.FromSeconds(30));
        lock (calls) calls.Clear();

        await harness.Engine.Operations.MarkAsync(new MarkRequest("cb", run.RunId, "bad", TaskInstanceState.Success), default);

        Assert.Equal(DagRunState.Success, (await harness.Store.GetRunAsync("cb", run.RunId, default))!.State);
        lock (calls) Assert.Equal(["dag_success:dag:success"], calls);
    }

    [Fact]
    public async Task Mark_StateOtherThanSuccessOrFailed_IsRejected()
    {
        var dag = Of("ok", Task("a", _ => null));
        await using var harness = new EngineHarness([dag]);
        var run = await harness.RunAsync("ok");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Engine.Operations.MarkAsync(new MarkRequest("ok", run.RunId, "a", TaskInstanceState.Skipped), default));

        Assert.StartsWith("state must be success or failed, not skipped.", error.Message, StringComparison.Ordinal);
    }
}
