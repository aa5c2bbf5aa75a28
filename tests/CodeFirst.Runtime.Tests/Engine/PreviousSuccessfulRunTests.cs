using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

/// <summary>TaskContext.GetPreviousSuccessfulRunAsync: Airflow's prev_*_success macros.</summary>
public sealed class PreviousSuccessfulRunTests
{
    private static readonly DateTimeOffset Day1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_EarlierSuccessAndFailure_SeesTheLatestSuccessfulRunBeforeItsLogicalDate()
    {
        var dag = Of("prev", new TaskDefinition
        {
            TaskId = "t",
            MethodName = "t",
            Invoke = async i =>
            {
                if (i.Context.RunId == "fails") throw new TaskFailedException("this run fails");
                var previous = await i.Context.GetPreviousSuccessfulRunAsync(i.CancellationToken);
                return XComJson.Serialize(previous is null ? "none" : $"{previous.RunId} {previous.DataIntervalStart:yyyy-MM-dd} {previous.EndDate is not null}");
            },
        });
        await using var harness = new EngineHarness([dag]);
        await harness.StartWorkerAsync();

        var first = await RunAtAsync(harness, Day1, "first");
        var failed = await RunAtAsync(harness, Day1.AddDays(1), "fails");
        var third = await RunAtAsync(harness, Day1.AddDays(2), "third");
        var earlier = await RunAtAsync(harness, Day1.AddDays(-1), "earlier");

        Assert.Equal(DagRunState.Failed, failed.State);
        Assert.Equal("none", await ValueAsync(harness, first));
        // The failed run in between is passed over; a run after this one's logical date does not count.
        Assert.Equal("first 2024-01-01 True", await ValueAsync(harness, third));
        Assert.Equal("none", await ValueAsync(harness, earlier));
    }

    private static async Task<DagRunRecord> RunAtAsync(EngineHarness harness, DateTimeOffset logicalDate, string runId)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRun(DagRunChange change)
        {
            if (change.RunId == runId && change.State is DagRunState.Success or DagRunState.Failed) finished.TrySetResult();
        }
        harness.Engine.Events.DagRunChanged += OnRun;
        try
        {
            var run = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("prev"), null, logicalDate, runId, default);
            await harness.Engine.StartRunAsync(run, default);
            await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            harness.Engine.Events.DagRunChanged -= OnRun;
        }
        return (await harness.Store.GetRunAsync("prev", runId, default))!;
    }

    private static async Task<string?> ValueAsync(EngineHarness harness, DagRunRecord run) =>
        XComJson.Deserialize<string>((await harness.Store.GetXComAsync(run.Id, "t", XComJson.ReturnValueKey, default))!);
}
