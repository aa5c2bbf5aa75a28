using System.Text.Json;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Triggers;

namespace CodeFirst.Runtime.Tests.Triggers;

public sealed class AssetUpdatedTriggerTests
{
    private const string Uri = "s3://lake/orders";

    [Fact]
    public async Task Deferred_EventEmittedAfterDeferral_TaskResumesWithThatEventNotAnEarlierOne()
    {
        var dag = TestDag.Of("asset_wait", TestDag.Task("wait", invocation =>
            invocation.Context.TriggerEvent ?? throw new TaskDeferredException(new AssetUpdatedTrigger(Uri, TimeSpan.FromMilliseconds(100)))));
        await using var harness = new EngineHarness([dag], options: new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(100) }) { RunTriggerer = true };
        await harness.StartWorkerAsync();
        var assets = harness.Engine.Assets!;
        await assets.EmitAsync(Uri, """{"batch": 1}""", default); // Before the task deferred: must not wake it.
        await assets.EmitAsync("s3://lake/other", """{"batch": 99}""", default);
        var emitted = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.Events.TaskInstanceChanged += c =>
        {
            if (c.State == TaskInstanceState.Deferred)
                _ = assets.EmitAsync(Uri, """{"batch": 2}""", default).ContinueWith(t => emitted.TrySetResult(t.Result.Id), TaskScheduler.Default);
        };

        var run = await harness.RunAsync("asset_wait");

        Assert.Equal(DagRunState.Success, run.State);
        var update = XComJson.Deserialize<AssetUpdate>((await harness.Store.GetXComAsync(run.Id, "wait", XComJson.ReturnValueKey, default))!)!;
        Assert.Equal(await emitted.Task.WaitAsync(TimeSpan.FromSeconds(30)), update.Id);
        Assert.Equal(2, update.Extra.GetProperty("batch").GetInt32());
    }

    [Fact]
    public async Task Factory_RoundTripsTheSettingsAndGivesTheTriggerTheStore()
    {
        await using var harness = new EngineHarness([]);
        await harness.PrepareAsync();
        var since = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var trigger = TriggerRoundTrip.Rebuild(new AssetUpdatedTrigger(Uri, since, TimeSpan.FromSeconds(3)), harness.Store);
        Assert.Equal((Uri, since, TimeSpan.FromSeconds(3)), (trigger.Uri, trigger.Since, trigger.PollInterval));

        var recorded = await harness.Engine.Assets!.EmitAsync(Uri, null, default);
        var fired = await trigger.RunAsync(TriggerRoundTrip.Context(TimeProvider.System), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var update = XComJson.Deserialize<AssetUpdate>(fired.PayloadJson!)!;
        Assert.Equal(recorded.Id, update.Id);
        Assert.Equal(JsonValueKind.Object, update.Extra.ValueKind);
    }

    [Fact]
    public void Constructor_InvalidUri_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new AssetUpdatedTrigger("a | b"));

        Assert.Contains("Asset URI 'a | b' is invalid", error.Message, StringComparison.Ordinal);
    }
}
