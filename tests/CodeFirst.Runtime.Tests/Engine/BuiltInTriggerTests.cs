using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Triggers;

namespace CodeFirst.Runtime.Tests.Engine;

public sealed class BuiltInTriggerTests
{
    private static EngineOptions Fast => new() { PollInterval = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task FileTrigger_FileAppearsLater_TaskResumesWithTheMatchingPath()
    {
        var folder = Directory.CreateTempSubdirectory("codefirst-file-trigger-").FullName;
        try
        {
            var dag = TestDag.Of("file_wait", TestDag.Task("wait", invocation =>
                invocation.Context.TriggerEvent ?? throw new TaskDeferredException(new FileTrigger(folder, "*.csv", pollInterval: TimeSpan.FromSeconds(10)))));
            await using var harness = new EngineHarness([dag], options: Fast) { RunTriggerer = true };
            harness.Engine.Events.TaskInstanceChanged += c =>
            {
                if (c.State == TaskInstanceState.Deferred)
                {
                    File.WriteAllText(Path.Combine(folder, "ignored.txt"), "");
                    File.WriteAllText(Path.Combine(folder, "data.csv"), "a,b");
                }
            };

            var run = await harness.RunAsync("file_wait");

            Assert.Equal(DagRunState.Success, run.State);
            var paths = XComJson.Deserialize<string[]>((await harness.Store.GetXComAsync(run.Id, "wait", XComJson.ReturnValueKey, default))!);
            Assert.Equal([Path.Combine(folder, "data.csv")], paths!);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ExternalTaskTrigger_OtherDagsTaskSucceedsForTheSameLogicalDate_WaitingTaskResumes()
    {
        var logicalDate = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var upstream = TestDag.Of("producer", TestDag.Task("produce", _ => null));
        var waiting = TestDag.Of("consumer", TestDag.Task("wait_for_producer", invocation =>
            invocation.Context.TriggerEvent ?? throw new TaskDeferredException(
                new ExternalTaskTrigger("producer", "produce", invocation.Context.LogicalDate, pollInterval: TimeSpan.FromMilliseconds(100)))));
        await using var harness = new EngineHarness([upstream, waiting], options: Fast) { RunTriggerer = true };
        await harness.StartWorkerAsync();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deferred = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.Events.DagRunChanged += c => { if (c.DagId == "consumer" && c.State == DagRunState.Success) finished.TrySetResult(); };
        harness.Engine.Events.TaskInstanceChanged += c => { if (c.TaskId == "wait_for_producer" && c.State == TaskInstanceState.Deferred) deferred.TrySetResult(); };

        var consumer = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("consumer"), null, logicalDate, null, default);
        await harness.Engine.StartRunAsync(consumer, default);
        await deferred.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TaskInstanceState.Deferred, (await harness.TaskInstancesAsync(consumer))["wait_for_producer"].State);
        var producer = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("producer"), null, logicalDate, null, default);
        await harness.Engine.StartRunAsync(producer, default);

        await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("\"success\"", await harness.Store.GetXComAsync(consumer.Id, "wait_for_producer", XComJson.ReturnValueKey, default));
    }
}
